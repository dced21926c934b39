using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Reads the rate control's quantizer of every frame from the slice headers that the analysis graph's stream-copy output
/// prints through the <c>trace_headers</c> bitstream filter (H.264 and HEVC; <see cref="AnalysisGraph.TracesSliceHeaders"/>).
/// A slice's QP is <c>26 + init_qp_minus26 (of the PPS it names) + slice_qp_delta</c> — H.264's
/// <c>pic_init_qp_minus26</c>, HEVC's <c>init_qp_minus26</c>, the same 0–51 scale (8-bit); per-macroblock (H.264) or
/// per-coding-unit (HEVC) adaptive-quantization deltas are not in the slice header and not counted. A frame's QP is
/// the mean of its slices' QPs weighted by the macroblocks (H.264: <c>first_mb_in_slice</c>) or coding tree blocks
/// (HEVC: <c>slice_segment_address</c>) each covers, the picture's size from the SPS (a dependent HEVC slice segment
/// counts with the slice it depends on). A frame is one packet (<c>Packet: … pts P …</c>, in decode order); its time
/// is <c>P × time base</c> (ffprobe's). One (time, QP) pair is kept per frame (16 bytes: about 7 MB for two hours at
/// 60 fps), plus the current frame's slices and the parameter sets' few fields.
/// Only lines that start with the bitstream filter's context (<see cref="Prefix"/>) at <c>info</c> level are read.
/// ffmpeg prints a metadata value's further lines indented, but a metadata <em>key</em> (and a file name) raw, so a
/// hostile file can start lines that look like trace lines. The graph runs exactly one <c>trace_headers</c> instance,
/// whose heap address the file cannot know: once lines of more than one <c>[trace_headers @ 0x…]</c> address appear, the
/// QP is not trusted and <see cref="Samples"/> is empty (the no-QP model scores the stream).
/// </summary>
internal sealed class QuantizerLog
{
    /// <summary>The start of every line the <c>trace_headers</c> bitstream filter prints (its context and address).</summary>
    public const string Prefix = "[trace_headers @ 0x";

    /// <summary>The largest slice QP (8-bit luma); larger values are not a QP and are left out.</summary>
    public const int MaximumQp = 51;

    /// <summary>The smallest slice QP read: −QpBdOffset of 12-bit video (lower values are not a QP and are left out).</summary>
    public const int MinimumQp = -24;

    /// <summary>PPS ids 0–255 (H.264; HEVC uses 0–63).</summary>
    private const int ParameterSets = 256;

    /// <summary>Slices of one frame whose QP is kept (more are not weighted in).</summary>
    private const int MaximumSlicesPerFrame = 4096;

    private readonly double _timeBase;
    private readonly int?[] _initQp = new int?[ParameterSets];
    private readonly List<(double Time, double Qp)> _samples = [];
    private readonly List<(long Address, int Qp)> _slices = [];
    private Section _section;
    private int _pps = -1;
    private long _address;
    private int _slicePps = -1;
    private double _frameTime = double.NaN;
    private bool _inFrame;
    private string? _context;
    private bool _untrusted;

    // The picture's size in slice-address units (H.264 macroblocks, HEVC coding tree blocks), from the last SPS.
    private long _widthInMbs, _heightInMapUnits, _frameMbsOnly = 1, _lumaWidth, _lumaHeight, _log2MinCb = -1, _log2DiffCb = -1;

    /// <param name="timeBase">Seconds per tick of the video stream's timestamps (ffprobe's <c>time_base</c>); 0 or
    /// less when unknown (the frames' times are then <c>NaN</c>).</param>
    public QuantizerLog(double timeBase) => _timeBase = timeBase;

    private enum Section
    {
        Other,
        Sps,
        Pps,
        Slice,
    }

    /// <summary>(frame time, frame QP) per frame that had a slice with a readable QP, in decode order; complete after
    /// <see cref="Complete"/>; empty once lines of more than one <c>trace_headers</c> context were seen.</summary>
    public IReadOnlyList<(double Time, double Qp)> Samples => _untrusted ? [] : _samples;

    /// <summary>Whether lines of more than one <c>trace_headers</c> context (address) were seen: some were not printed by
    /// the graph's bitstream filter, and no QP is read.</summary>
    public bool Untrusted => _untrusted;

    /// <summary>Reads one log line (level tag removed, <paramref name="level"/> the tag as
    /// <see cref="DecoderLog.RemoveLevel"/> returns it); every other line is ignored.</summary>
    public void Add(string line, string? level)
    {
        if (_untrusted || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var close = line.IndexOf(']', Prefix.Length);
        if (close < 0)
        {
            return;
        }

        // Every line of the prefix counts, at any level: a second address means a line the filter did not print.
        var context = line.AsSpan(Prefix.Length, close - Prefix.Length);
        if (_context is null)
        {
            _context = context.ToString();
        }
        else if (!context.SequenceEqual(_context))
        {
            _untrusted = true;
            _samples.Clear();
            _slices.Clear();
            return;
        }

        if (level != "[info] " || close + 1 >= line.Length || line[close + 1] != ' ')
        {
            return;
        }

        var text = line.AsSpan(close + 2);
        if (text.Length == 0)
        {
            return;
        }

        if (!char.IsAsciiDigit(text[0]))
        {
            Title(text);
            return;
        }

        // "<bit position> <name> <bits> = <value>"
        var equals = text.LastIndexOf(" = ", StringComparison.Ordinal);
        if (equals < 0 || !long.TryParse(text[(equals + 3)..].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return;
        }

        var rest = text[..equals].TrimEnd();
        var nameStart = rest.IndexOf(' ');
        if (nameStart < 0)
        {
            return;
        }

        rest = rest[nameStart..].TrimStart();
        var nameEnd = rest.IndexOf(' ');
        if (nameEnd < 0)
        {
            return;
        }

        Field(rest[..nameEnd], value);
    }

    /// <summary>Ends the last frame (call once the log is complete).</summary>
    public void Complete() => EndFrame();

    private void Title(ReadOnlySpan<char> title)
    {
        if (title.StartsWith("Packet: ", StringComparison.Ordinal))
        {
            EndFrame();
            _inFrame = true;
            _frameTime = PacketTime(title);
            _section = Section.Other;
            return;
        }

        _section = title switch
        {
            "Sequence Parameter Set" => Section.Sps,
            "Picture Parameter Set" => Section.Pps,
            "Slice Header" or "Slice Segment Header" => Section.Slice,
            _ => Section.Other,
        };
        _pps = -1;
        _slicePps = -1;
        _address = 0;
    }

    private double PacketTime(ReadOnlySpan<char> title)
    {
        const string pts = ", pts ";
        var at = title.IndexOf(pts, StringComparison.Ordinal);
        if (at < 0 || _timeBase <= 0)
        {
            return double.NaN;
        }

        var digits = title[(at + pts.Length)..];
        var end = digits.IndexOf(',');
        digits = end < 0 ? digits.TrimEnd('.') : digits[..end];
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks) ? ticks * _timeBase : double.NaN;
    }

    private void Field(ReadOnlySpan<char> name, long value)
    {
        switch (_section)
        {
            case Section.Sps:
                switch (name)
                {
                    case "pic_width_in_mbs_minus1": _widthInMbs = value + 1; break;
                    case "pic_height_in_map_units_minus1": _heightInMapUnits = value + 1; break;
                    case "frame_mbs_only_flag": _frameMbsOnly = value; break;
                    case "pic_width_in_luma_samples": _lumaWidth = value; break;
                    case "pic_height_in_luma_samples": _lumaHeight = value; break;
                    case "log2_min_luma_coding_block_size_minus3": _log2MinCb = value + 3; break;
                    case "log2_diff_max_min_luma_coding_block_size": _log2DiffCb = value; break;
                }

                break;
            case Section.Pps:
                if (name is "pic_parameter_set_id" or "pps_pic_parameter_set_id")
                {
                    _pps = value is >= 0 and < ParameterSets ? (int)value : -1;
                }
                else if (name is "pic_init_qp_minus26" or "init_qp_minus26" && _pps >= 0)
                {
                    // An out-of-range value clears the id's QP: its slices are not read with an older PPS's value.
                    _initQp[_pps] = value is >= -64 and <= 64 ? 26 + (int)value : null;
                }

                break;
            case Section.Slice:
                switch (name)
                {
                    case "first_mb_in_slice" or "slice_segment_address":
                        _address = Math.Max(0, value);
                        break;
                    case "pic_parameter_set_id" or "slice_pic_parameter_set_id":
                        _slicePps = value is >= 0 and < ParameterSets ? (int)value : -1;
                        break;
                    case "slice_qp_delta":
                        if (_inFrame && _slicePps >= 0 && _initQp[_slicePps] is { } init && value is >= -128 and <= 128)
                        {
                            var qp = init + (int)value;
                            if (qp is >= MinimumQp and <= MaximumQp && _slices.Count < MaximumSlicesPerFrame)
                            {
                                _slices.Add((_address, qp));
                            }
                        }

                        break;
                }

                break;
        }
    }

    /// <summary>The picture's size in slice-address units; 0 when the SPS did not say.</summary>
    private long PictureUnits()
    {
        if (_lumaWidth > 0 && _lumaHeight > 0 && _log2MinCb >= 3 && _log2DiffCb >= 0 && _log2MinCb + _log2DiffCb <= 6)
        {
            var ctb = 1L << (int)(_log2MinCb + _log2DiffCb);
            return ((_lumaWidth + ctb - 1) / ctb) * ((_lumaHeight + ctb - 1) / ctb);
        }

        return _widthInMbs > 0 && _heightInMapUnits > 0 ? _widthInMbs * _heightInMapUnits : 0;
    }

    private void EndFrame()
    {
        if (_slices.Count > 0)
        {
            // Interlaced H.264 (frame_mbs_only_flag 0): under MBAFF first_mb_in_slice counts macroblock pairs and a
            // field picture is half the frame's map units, so the addresses do not give spans; slices count equally.
            _samples.Add((_frameTime, _frameMbsOnly == 0 ? _slices.Average(s => (double)s.Qp) : FrameQp(_slices, PictureUnits())));
        }

        _slices.Clear();
        _inFrame = false;
        _frameTime = double.NaN;
    }

    /// <summary>The frame's QP: its slices' QPs weighted by the units each covers (up to the next slice's address, the
    /// last one up to <paramref name="pictureUnits"/>); the plain mean when the addresses do not give positive spans
    /// (a picture size unknown or out of step, slices out of order).</summary>
    internal static double FrameQp(List<(long Address, int Qp)> slices, long pictureUnits)
    {
        if (slices.Count == 1)
        {
            return slices[0].Qp;
        }

        slices.Sort((a, b) => a.Address.CompareTo(b.Address));
        double weighted = 0, total = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var end = i + 1 < slices.Count ? slices[i + 1].Address : pictureUnits;
            var span = end - slices[i].Address;
            if (span <= 0)
            {
                return slices.Average(s => (double)s.Qp);
            }

            weighted += span * (double)slices[i].Qp;
            total += span;
        }

        return weighted / total;
    }
}
