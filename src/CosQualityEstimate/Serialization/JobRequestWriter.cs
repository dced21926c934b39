using System.Buffers;
using System.Text;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Hand-written UTF-8 writer for the Submit-Job body: byte for byte what <c>XmlSerializer</c> (the test oracle <c>WireXmlSerializer</c>) (XmlSerializer
/// over an <see cref="System.Xml.XmlWriter"/>) produces for a <see cref="JobRequestXml"/> — no BOM, no declaration, no
/// namespaces, members in declaration order, <c>null</c> members omitted, empty ones as <c>&lt;X /&gt;</c>, text escaped
/// as XmlWriter escapes it (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>; quotes literal; CR, LF and CRLF written as
/// <see cref="Environment.NewLine"/>) — checked by differential tests. Like XmlWriter, it throws
/// <see cref="ArgumentException"/> on characters XML cannot carry (controls other than TAB/LF/CR, U+FFFE/U+FFFF,
/// unpaired surrogates). A request carrying response-only members (MediaInfo, QualityEstimate) goes through the serializer.
/// </summary>
internal static class JobRequestWriter
{
    /// <summary>Bytes a UTF-16 code unit can take at most once escaped ("&amp;amp;").</summary>
    private const int MaxBytesPerChar = 5;

    /// <summary>Room for every tag of the document with some slack.</summary>
    private const int MarkupBytes = 1024;

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    /// <summary>Printable ASCII that goes out unchanged.</summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        " !\"#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    internal static byte[] Write(JobRequestXml request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation is { MediaInfo: not null } or { QualityEstimate: not null })
        {
            // Response-only members: a submit never carries them (JobRequestConverter never sets them).
            throw new ArgumentException("A submit body cannot carry Operation/MediaInfo or Operation/QualityEstimate.", nameof(request));
        }

        var capacity = MarkupBytes + (MaxBytesPerChar * TextLength(request));
        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var writer = new Writer(rented);
            WriteRequest(ref writer, request);
            return rented.AsSpan(0, writer.Position).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int TextLength(JobRequestXml request)
    {
        var length = Length(request.Tag) + Length(request.CallBack) + Length(request.CallBackFormat) + Length(request.CallBackType);
        if (request.Input is { } input)
        {
            length += Length(input.Object) + Length(input.BucketId) + Length(input.Bucket) + Length(input.Region);
        }

        if (request.Operation is { } operation)
        {
            length += Length(operation.UserData) + Length(operation.JobLevel)
                + Length(operation.QualityEstimateConfig?.Rotate) + Length(operation.QualityEstimateConfig?.Mode);
        }

        if (request.CallBackMqConfig is { } mq)
        {
            length += Length(mq.MqRegion) + Length(mq.MqMode) + Length(mq.MqName);
        }

        return length;

        static int Length(string? value) => value?.Length ?? 0;
    }

    private static void WriteRequest(ref Writer w, JobRequestXml request)
    {
        var input = request.Input;
        var operation = request.Operation;
        var mq = request.CallBackMqConfig;
        if (request.Tag is null && input is null && operation is null && request.CallBack is null && request.CallBackFormat is null
            && request.CallBackType is null && mq is null)
        {
            w.Raw("<Request />"u8);
            return;
        }

        w.Raw("<Request>"u8);
        w.Element("<Tag"u8, "</Tag>"u8, request.Tag);
        if (input is not null)
        {
            if (input.Object is null && input.BucketId is null && input.Bucket is null && input.Region is null)
            {
                w.Raw("<Input />"u8);
            }
            else
            {
                w.Raw("<Input>"u8);
                w.Element("<Object"u8, "</Object>"u8, input.Object);
                w.Element("<BucketId"u8, "</BucketId>"u8, input.BucketId);
                w.Element("<Bucket"u8, "</Bucket>"u8, input.Bucket);
                w.Element("<Region"u8, "</Region>"u8, input.Region);
                w.Raw("</Input>"u8);
            }
        }

        if (operation is not null)
        {
            var config = operation.QualityEstimateConfig;
            if (config is null && operation.UserData is null && operation.JobLevel is null)
            {
                w.Raw("<Operation />"u8);
            }
            else
            {
                w.Raw("<Operation>"u8);
                if (config is not null)
                {
                    if (config.Rotate is null && config.Mode is null)
                    {
                        w.Raw("<QualityEstimateConfig />"u8);
                    }
                    else
                    {
                        w.Raw("<QualityEstimateConfig>"u8);
                        w.Element("<Rotate"u8, "</Rotate>"u8, config.Rotate);
                        w.Element("<Mode"u8, "</Mode>"u8, config.Mode);
                        w.Raw("</QualityEstimateConfig>"u8);
                    }
                }

                w.Element("<UserData"u8, "</UserData>"u8, operation.UserData);
                w.Element("<JobLevel"u8, "</JobLevel>"u8, operation.JobLevel);
                w.Raw("</Operation>"u8);
            }
        }

        w.Element("<CallBack"u8, "</CallBack>"u8, request.CallBack);
        w.Element("<CallBackFormat"u8, "</CallBackFormat>"u8, request.CallBackFormat);
        w.Element("<CallBackType"u8, "</CallBackType>"u8, request.CallBackType);
        if (mq is not null)
        {
            if (mq.MqRegion is null && mq.MqMode is null && mq.MqName is null)
            {
                w.Raw("<CallBackMqConfig />"u8);
            }
            else
            {
                w.Raw("<CallBackMqConfig>"u8);
                w.Element("<MqRegion"u8, "</MqRegion>"u8, mq.MqRegion);
                w.Element("<MqMode"u8, "</MqMode>"u8, mq.MqMode);
                w.Element("<MqName"u8, "</MqName>"u8, mq.MqName);
                w.Raw("</CallBackMqConfig>"u8);
            }
        }

        w.Raw("</Request>"u8);
    }

    private ref struct Writer
    {
        private readonly Span<byte> _buffer;

        internal Writer(Span<byte> buffer)
        {
            _buffer = buffer;
            Position = 0;
        }

        internal int Position { get; private set; }

        internal void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Position..]);
            Position += bytes.Length;
        }

        /// <summary>Writes <c>open + "&gt;" + text + close</c>, <c>open + " /&gt;"</c> for "", nothing for <c>null</c>.</summary>
        internal void Element(ReadOnlySpan<byte> open, ReadOnlySpan<byte> close, string? value)
        {
            if (value is null)
            {
                return;
            }

            Raw(open);
            if (value.Length == 0)
            {
                Raw(" />"u8);
                return;
            }

            _buffer[Position++] = (byte)'>';
            Text(value);
            Raw(close);
        }

        private void Text(ReadOnlySpan<char> text)
        {
            var plain = text.IndexOfAnyExcept(PlainAscii);
            if (plain < 0)
            {
                plain = text.Length;
            }

            // Printable ASCII other than & < > is one byte per char (vectorized narrowing).
            Position += Encoding.UTF8.GetBytes(text[..plain], _buffer[Position..]);
            for (var i = plain; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '&':
                        Raw("&amp;"u8);
                        break;
                    case '<':
                        Raw("&lt;"u8);
                        break;
                    case '>':
                        Raw("&gt;"u8);
                        break;
                    case '\n':
                        Raw(NewLine);
                        break;
                    case '\r':
                        if (i + 1 < text.Length && text[i + 1] == '\n')
                        {
                            i++;
                        }

                        Raw(NewLine);
                        break;
                    case '\t':
                        _buffer[Position++] = (byte)c;
                        break;
                    case < ' ':
                    case '\uFFFE':
                    case '\uFFFF':
                        throw new ArgumentException($"'{c}', hexadecimal value 0x{(int)c:X2}, is an invalid character.");
                    case < '\u0080':
                        _buffer[Position++] = (byte)c;
                        break;
                    case < '\u0800':
                        _buffer[Position++] = (byte)(0xC0 | (c >> 6));
                        _buffer[Position++] = (byte)(0x80 | (c & 0x3F));
                        break;
                    default:
                        if (char.IsHighSurrogate(c))
                        {
                            if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                            {
                                throw new ArgumentException("The surrogate pair is invalid. Missing a low surrogate character.");
                            }

                            var scalar = char.ConvertToUtf32(c, text[++i]);
                            _buffer[Position++] = (byte)(0xF0 | (scalar >> 18));
                            _buffer[Position++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                            _buffer[Position++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                            _buffer[Position++] = (byte)(0x80 | (scalar & 0x3F));
                        }
                        else if (char.IsLowSurrogate(c))
                        {
                            throw new ArgumentException("The surrogate pair is invalid. Missing a high surrogate character.");
                        }
                        else
                        {
                            _buffer[Position++] = (byte)(0xE0 | (c >> 12));
                            _buffer[Position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                            _buffer[Position++] = (byte)(0x80 | (c & 0x3F));
                        }

                        break;
                }
            }
        }
    }
}
