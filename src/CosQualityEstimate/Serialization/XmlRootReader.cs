using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The frame every hand-written reader of a service document shares: the size cap, the hardened <see cref="CosXml"/>
/// reader, the one expected root element (in the empty namespace) and the drain that rejects content after it.
/// </summary>
internal static class XmlRootReader
{
    /// <summary>Reads a complete document whose root must be <paramref name="rootName"/>; <paramref name="readRoot"/> reads that element (the reader is on it). Throws <see cref="XmlException"/> on malformed input, an oversized body or a wrong root.
    /// A plain body (<see cref="PlainXmlReader.IsPlain(ReadOnlySpan{byte})"/>) is read in place by the thread's reused <see cref="PlainSubsetXmlReader"/>; any other body, and any
    /// body that reader fails on, by the hardened <see cref="CosXml"/> reader, whose result or error is the one returned.</summary>
    internal static T Read<T>(byte[] body, string rootName, Func<XmlReader, T> readRoot)
    {
        ArgumentNullException.ThrowIfNull(body);
        ThrowIfTooLarge(body.Length);
        if (PlainXmlReader.TryRead(body, rootName, readRoot, out var plain))
        {
            return plain; // the common answer, read without creating a reader (see PlainXmlReader)
        }

        return ReadHardened(body, rootName, readRoot);
    }

    /// <summary>Reads <paramref name="body"/> (already checked for size) with a new hardened <see cref="CosXml"/> reader only.</summary>
    internal static T ReadHardened<T>(byte[] body, string rootName, Func<XmlReader, T> readRoot)
    {
        using var stream = new MemoryStream(body, writable: false);
        using var reader = CosXml.CreateReader(stream);
        return ReadRoot(reader, rootName, readRoot);
    }

    /// <summary>Refuses a body of more than <see cref="CosXml.MaxBodyBytes"/> bytes before any of it is read.</summary>
    internal static void ThrowIfTooLarge(int bytes)
    {
        if (bytes > CosXml.MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {bytes} bytes, over the {CosXml.MaxBodyBytes}-byte limit.");
        }
    }

    /// <summary>Checks the root element, reads it with <paramref name="readRoot"/>, then drains the rest of the document.</summary>
    internal static T ReadRoot<T>(XmlReader reader, string rootName, Func<XmlReader, T> readRoot)
    {
        // MoveToContent throws "Root element is missing" on an empty document and rejects text at the root level.
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != rootName || reader.NamespaceURI.Length != 0)
        {
            throw new XmlException($"<{reader.LocalName} xmlns='{reader.NamespaceURI}'> was not expected; the root element must be <{rootName}>.");
        }

        var result = readRoot(reader);

        // Drain: the reader throws XmlException on anything after the root that is not whitespace, a comment or a PI.
        while (reader.Read())
        {
        }

        return result;
    }
}
