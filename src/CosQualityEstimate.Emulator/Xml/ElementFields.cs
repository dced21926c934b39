using System.Xml;
using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// The binding rules of the jobs API's XML over a loaded element, as <c>XmlSerializer</c> applies them to the wire types:
/// a field is a child element in the empty namespace, matched by name; the first occurrence of a single-valued field wins,
/// a repeated one is read in document order; anything else (unknown elements, other namespaces, attributes, stray text)
/// is ignored. A string field's value is its text, as is (entities and CDATA resolved); a string field with a child
/// element is malformed.
/// </summary>
internal static class ElementFields
{
    /// <summary>The first child element named <paramref name="name"/> in the empty namespace, or <see langword="null"/>.</summary>
    internal static XElement? Field(this XElement parent, string name) => parent.Element(XName.Get(name, string.Empty));

    /// <summary>Every child element named <paramref name="name"/> in the empty namespace, in document order.</summary>
    internal static IEnumerable<XElement> Fields(this XElement parent, string name) => parent.Elements(XName.Get(name, string.Empty));

    /// <summary>The text of the first child named <paramref name="name"/>; <see langword="null"/> when absent, <c>""</c> when empty.</summary>
    /// <exception cref="XmlException">The field holds an element instead of text.</exception>
    internal static string? Text(this XElement parent, string name) => parent.Field(name) is { } field ? TextOf(field) : null;

    /// <summary>The texts of every child named <paramref name="name"/>, in document order.</summary>
    /// <exception cref="XmlException">A field holds an element instead of text.</exception>
    internal static List<string> Texts(this XElement parent, string name) => parent.Fields(name).Select(TextOf).ToList();

    /// <summary>Reads the object field named <paramref name="name"/> with <paramref name="read"/>; <see langword="null"/> when absent.</summary>
    internal static T? Object<T>(this XElement parent, string name, Func<XElement, T> read)
        where T : class => parent.Field(name) is { } field ? read(field) : null;

    private static string TextOf(XElement field) => field.HasElements
        ? throw new XmlException($"<{field.Name.LocalName}> holds an element where text was expected.")
        : field.Value;
}
