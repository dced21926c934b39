using System.Collections;
using System.Reflection;
using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Tests.Xml;

/// <summary>Property-by-property comparison of wire DTO and public model graphs.</summary>
internal static class WireXmlAssert
{
    /// <summary>
    /// Strings ordinal (null ≠ ""), lists by count and order, <see cref="XElement"/>s structurally and by their compact
    /// text, values (enums, numbers, times) with <see cref="object.Equals(object?)"/>, everything else by its public
    /// readable properties.
    /// </summary>
    internal static void DeepEqual(object? expected, object? actual, string path, int depth = 0)
    {
        Assert.True(depth < 32, $"{path}: object graph deeper than 32 levels");
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        Assert.Equal(expected.GetType(), actual.GetType());
        var type = expected.GetType();
        switch (expected)
        {
            case string text:
                Assert.True(string.Equals(text, (string)actual, StringComparison.Ordinal), $"{path}: expected [{text}], got [{actual}]");
                return;
            case XElement element:
                var other = (XElement)actual;
                Assert.True(XNode.DeepEquals(element, other), $"{path}: {element} vs {other}");
                Assert.Equal(element.ToString(SaveOptions.DisableFormatting), other.ToString(SaveOptions.DisableFormatting));
                return;
            case IEnumerable sequence:
                var left = sequence.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}");
                for (var i = 0; i < left.Count; i++)
                {
                    DeepEqual(left[i], right[i], $"{path}[{i}]", depth + 1);
                }

                return;
        }

        if (type.IsPrimitive || type.IsEnum || expected is decimal or DateTimeOffset or DateTime or TimeSpan or Guid or Uri)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            {
                DeepEqual(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name, depth + 1);
            }
        }
    }
}
