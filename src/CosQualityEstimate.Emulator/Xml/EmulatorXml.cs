using System.Xml;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// The hardened XML reader configuration every XML body the emulator reads goes through: no DTD, no resolver, no
/// entities, bounded size. XML is hostile input.
/// </summary>
internal static class EmulatorXml
{
    /// <summary>Largest XML body, in bytes, the emulator reads (4 MiB, as the client library's limit).</summary>
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

    /// <summary>Creates a hardened reader over <paramref name="stream"/>.</summary>
    internal static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, ReaderSettings);
}
