using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Passes an <see cref="XmlReader"/> through and refuses, on the <see cref="Read"/> that reaches it, an element at the
/// reader's depth <see cref="JobsResponseReader.MaxDepth"/> or deeper. <c>XDocument.Load</c> and <c>XNode.ReadFrom</c>
/// advance only through <see cref="Read"/>, so a tree built over this reader never grows past the limit: refusing a
/// nesting bomb costs the bytes read up to that depth, not the whole body (checking a built tree afterwards costs the
/// whole tree, quadratic time for an unclosed bomb). Does not own the inner reader, which may already be inside a
/// document (the depth is the inner reader's own).
/// </summary>
internal sealed class DepthLimitedXmlReader : XmlReader
{
    private readonly XmlReader _inner;

    internal DepthLimitedXmlReader(XmlReader inner) => _inner = inner;

    /// <inheritdoc/>
    public override int AttributeCount => _inner.AttributeCount;

    /// <inheritdoc/>
    public override string BaseURI => _inner.BaseURI;

    /// <inheritdoc/>
    public override int Depth => _inner.Depth;

    /// <inheritdoc/>
    public override bool EOF => _inner.EOF;

    /// <inheritdoc/>
    public override bool HasValue => _inner.HasValue;

    /// <inheritdoc/>
    public override bool IsDefault => _inner.IsDefault;

    /// <inheritdoc/>
    public override bool IsEmptyElement => _inner.IsEmptyElement;

    /// <inheritdoc/>
    public override string LocalName => _inner.LocalName;

    /// <inheritdoc/>
    public override string Name => _inner.Name;

    /// <inheritdoc/>
    public override string NamespaceURI => _inner.NamespaceURI;

    /// <inheritdoc/>
    public override XmlNameTable NameTable => _inner.NameTable;

    /// <inheritdoc/>
    public override XmlNodeType NodeType => _inner.NodeType;

    /// <inheritdoc/>
    public override string Prefix => _inner.Prefix;

    /// <inheritdoc/>
    public override ReadState ReadState => _inner.ReadState;

    /// <inheritdoc/>
    public override XmlReaderSettings? Settings => _inner.Settings;

    /// <inheritdoc/>
    public override string Value => _inner.Value;

    /// <inheritdoc/>
    public override string XmlLang => _inner.XmlLang;

    /// <inheritdoc/>
    public override XmlSpace XmlSpace => _inner.XmlSpace;

    /// <inheritdoc/>
    public override bool CanResolveEntity => _inner.CanResolveEntity;

    /// <inheritdoc/>
    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    /// <inheritdoc/>
    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    /// <inheritdoc/>
    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    /// <inheritdoc/>
    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    /// <inheritdoc/>
    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);

    /// <inheritdoc/>
    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

    /// <inheritdoc/>
    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

    /// <inheritdoc/>
    public override bool MoveToElement() => _inner.MoveToElement();

    /// <inheritdoc/>
    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

    /// <inheritdoc/>
    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

    /// <inheritdoc/>
    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

    /// <inheritdoc/>
    public override void ResolveEntity() => _inner.ResolveEntity();

    /// <summary>Reads the next node; an element at <see cref="JobsResponseReader.MaxDepth"/> or deeper throws before anything sees it.</summary>
    /// <exception cref="XmlException">The body nests elements too deeply, or is not well-formed.</exception>
    public override bool Read()
    {
        if (!_inner.Read())
        {
            return false;
        }

        if (_inner.NodeType == XmlNodeType.Element && _inner.Depth >= JobsResponseReader.MaxDepth)
        {
            throw JobsResponseReader.TooDeep();
        }

        return true;
    }
}
