using System.Text.Json;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Lenient reads from a <see cref="JsonElement"/> into the wire model's strings: property names match exactly first,
/// then case-insensitively; numbers, strings and booleans all become text; a single value stands for a one-element
/// array and an array for its first object. Wrong kinds become <c>null</c> or nothing, never an exception.
/// </summary>
internal static class JsonLenient
{
    /// <summary>Finds property <paramref name="name"/>: exact match first, then ordinal case-insensitive.</summary>
    internal static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            if (obj.TryGetProperty(name, out value))
            {
                return true;
            }

            foreach (var property in obj.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>A string, number (its JSON text) or boolean (<c>true</c>/<c>false</c>) as text; <c>null</c> for anything else.</summary>
    internal static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Property <paramref name="name"/> as text (see <see cref="Scalar"/>); <c>null</c> when absent or not a scalar.</summary>
    internal static string? GetScalar(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) ? Scalar(value) : null;

    /// <summary>Property <paramref name="name"/> as an object: the object itself, or the first object of an array.</summary>
    internal static bool TryGetObject(JsonElement obj, string name, out JsonElement value)
    {
        if (TryGet(obj, name, out var found))
        {
            foreach (var candidate in Objects(found))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Property <paramref name="name"/> as a list of objects: one object, or every object of an array (nested arrays flattened).</summary>
    internal static IEnumerable<JsonElement> GetObjects(JsonElement obj, string name) =>
        TryGet(obj, name, out var found) ? Objects(found) : Array.Empty<JsonElement>();

    /// <summary>Adds property <paramref name="name"/> as text to <paramref name="target"/>: one scalar, or every scalar of an array (nested arrays flattened).</summary>
    internal static void AddScalars(JsonElement obj, string name, List<string> target)
    {
        if (TryGet(obj, name, out var found))
        {
            AddScalars(found, target);
        }
    }

    private static IEnumerable<JsonElement> Objects(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            yield return value;
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                foreach (var nested in Objects(item))
                {
                    yield return nested;
                }
            }
        }
    }

    private static void AddScalars(JsonElement value, List<string> target)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                AddScalars(item, target);
            }
        }
        else if (Scalar(value) is { } text)
        {
            target.Add(text);
        }
    }
}
