using System.Globalization;
using System.Text;
using System.Xml;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>Writes the XML bodies of the object API (element names as COS documents them).</summary>
internal sealed class ObjectXmlWriter : IDisposable
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };

    private readonly MemoryStream _buffer = new();
    private readonly XmlWriter _writer;

    internal ObjectXmlWriter(string root)
    {
        _writer = XmlWriter.Create(_buffer, Settings);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(root);
    }

    internal ObjectXmlWriter Element(string name, string? value)
    {
        _writer.WriteElementString(name, value ?? string.Empty);
        return this;
    }

    internal ObjectXmlWriter Element(string name, long value) => Element(name, value.ToString(CultureInfo.InvariantCulture));

    internal ObjectXmlWriter Element(string name, bool value) => Element(name, value ? "true" : "false");

    internal ObjectXmlWriter Start(string name)
    {
        _writer.WriteStartElement(name);
        return this;
    }

    internal ObjectXmlWriter End()
    {
        _writer.WriteEndElement();
        return this;
    }

    internal ObjectXmlWriter Owner(string name, string id) =>
        Start(name).Element("ID", id).Element("DisplayName", id).End();

    internal byte[] ToArray()
    {
        _writer.WriteEndElement();
        _writer.WriteEndDocument();
        _writer.Flush();
        return _buffer.ToArray();
    }

    internal static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }
}
