using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Converts a JSON <c>MediaInfo</c> into the same <see cref="XElement"/> shape an XML callback yields: property names
/// become element names (encoded with <see cref="XmlConvert.EncodeLocalName"/> when not valid XML names), arrays
/// become repeated elements, scalars become text, <c>null</c> an empty element. Characters XML cannot carry are
/// replaced by U+FFFD so that the element can always be written out. Depth is bounded by the JSON reader's MaxDepth.
/// </summary>
internal static class JsonMediaInfo
{
    internal static XElement? ToXElement(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
            case JsonValueKind.String:
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Build("MediaInfo", value);
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        return Build("MediaInfo", item);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static XElement Build(string name, JsonElement value)
    {
        var element = new XElement(ToXmlName(name));
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    AddProperty(element, property.Name, property.Value);
                }

                break;
            default:
                // Scalars become text; null (and arrays, which AddProperty flattens before reaching here) stay empty.
                if (JsonLenient.Scalar(value) is { } text)
                {
                    element.Value = CleanText(text);
                }

                break;
        }

        return element;
    }

    private static void AddProperty(XElement parent, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Array)
                {
                    AddProperty(parent, name, item);
                }
                else
                {
                    parent.Add(Build(name, item));
                }
            }
        }
        else
        {
            parent.Add(Build(name, value));
        }
    }

    private static XName ToXmlName(string name) =>
        XName.Get(name.Length == 0 ? "_" : XmlConvert.EncodeLocalName(CleanText(name)) ?? "_");

    private static string CleanText(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                builder.Append(text, i, width);
                i += width - 1;
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static bool IsXmlCharAt(string text, int index, out int width)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return true;
        }

        width = 1;
        return XmlConvert.IsXmlChar(c);
    }
}
