using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The hardened XML reader configuration every XML body goes through: no DTD, no resolver, bounded size. The library
/// reads XML only with hand-written readers over it (<see cref="JobsResponseReader"/>; a body in the plain subset of
/// <see cref="PlainXmlReader"/> is first tried on the thread's reusable <see cref="PlainSubsetXmlReader"/>, and read here whenever that fails) and writes it with
/// <see cref="JobRequestWriter"/>; no reflection-based serializer runs in the library, so it is trimming- and
/// Native-AOT-clean.
/// </summary>
internal static class CosXml
{
    /// <summary>Largest response body, in bytes, the client reads (4 MiB; a vqaPlus result with thousands of items fits easily).</summary>
    internal const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBodyBytes,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    /// <summary>This thread's copy of <see cref="ReaderSettings"/> with its reused name table (<see cref="ReusedNameTable"/>).</summary>
    [ThreadStatic]
    private static XmlReaderSettings? t_settings;

    /// <summary>
    /// Creates a hardened reader over <paramref name="stream"/>. The reader must be used synchronously on the calling
    /// thread (every reader of the library is): it shares the thread's name table.
    /// </summary>
    internal static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, ThreadSettings());

    /// <summary>Creates a hardened reader over <paramref name="text"/>; used synchronously, like <see cref="CreateReader(Stream)"/>.</summary>
    internal static XmlReader CreateReader(TextReader text) => XmlReader.Create(text, ThreadSettings());

    private static XmlReaderSettings ThreadSettings()
    {
        var settings = t_settings;
        if (settings is null || ((ReusedNameTable)settings.NameTable!).IsFull)
        {
            settings = ReaderSettings.Clone();
            settings.NameTable = new ReusedNameTable();
            t_settings = settings;
        }

        return settings;
    }
}
