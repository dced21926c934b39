using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The hardened XML reader configuration every XML body goes through: no DTD, no resolver, bounded size. The library
/// reads XML only with hand-written readers over it (<see cref="JobsResponseReader"/>) and writes it with
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

    /// <summary>Creates a hardened reader over <paramref name="stream"/>.</summary>
    internal static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, ReaderSettings);

    /// <summary>Creates a hardened reader over <paramref name="text"/>.</summary>
    internal static XmlReader CreateReader(TextReader text) => XmlReader.Create(text, ReaderSettings);
}
