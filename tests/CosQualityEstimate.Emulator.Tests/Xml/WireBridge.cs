using System.Collections;
using System.Reflection;
using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Tests.Xml;

/// <summary>
/// Strict member-by-member copies between the emulator's own wire DTOs (<c>CosQualityEstimate.Emulator.Wire</c>) and the
/// public oracle mirror of the client library's DTOs (<c>CosQualityEstimate.Tests.Oracle.Wire</c>, the shape
/// <see cref="OracleXml"/> serializes), so the differential tests check the emulator's XML against XmlSerializer. Types pair by name; every member
/// of one must exist on the other with the same name, except a member only the emulator has (its <c>ResultSource</c>
/// marker), which must be <see langword="null"/> to cross over: the copy never hides a difference.
/// </summary>
internal static class WireBridge
{
    private const string EmulatorNamespace = "CosQualityEstimate.Emulator.Wire";
    private const string LibraryNamespace = "CosQualityEstimate.Tests.Oracle.Wire";

    /// <summary>Copies an oracle wire value to the emulator's type of the same name.</summary>
    internal static T ToEmulator<T>(object value) => (T)Copy(value, typeof(T))!;

    /// <summary>Copies an emulator wire value to the oracle's type of the same name.</summary>
    internal static T ToLibrary<T>(object value) => (T)Copy(value, typeof(T))!;

    private static object? Copy(object? value, Type target)
    {
        if (value is null)
        {
            return null;
        }

        var source = value.GetType();
        if (value is string || source.IsValueType)
        {
            return source == target ? value : throw Mismatch(source, target);
        }

        if (value is XElement element)
        {
            return target == typeof(XElement) ? new XElement(element) : throw Mismatch(source, target);
        }

        if (source.IsGenericType && source.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (!target.IsGenericType || target.GetGenericTypeDefinition() != typeof(List<>))
            {
                throw Mismatch(source, target);
            }

            var itemType = target.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(target)!;
            foreach (var item in (IEnumerable)value)
            {
                list.Add(Copy(item, itemType));
            }

            return list;
        }

        var pair = (source.Namespace, target.Namespace);
        if (source.Name != target.Name
            || (pair != (EmulatorNamespace, LibraryNamespace) && pair != (LibraryNamespace, EmulatorNamespace)))
        {
            throw Mismatch(source, target);
        }

        var copy = Activator.CreateInstance(target, nonPublic: true)!;
        var targetProperties = target.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name);
        foreach (var property in source.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var member = property.GetValue(value);
            if (!targetProperties.Remove(property.Name, out var to))
            {
                if (source.Namespace == EmulatorNamespace && member is null)
                {
                    continue; // an emulator-only member (the ResultSource marker), unset: nothing to carry over
                }

                throw new InvalidOperationException($"{source.FullName}.{property.Name} has no counterpart on {target.FullName}.");
            }

            to.SetValue(copy, Copy(member, to.PropertyType));
        }

        if (targetProperties.Count > 0 && target.Namespace == LibraryNamespace)
        {
            throw new InvalidOperationException($"{target.FullName} has members the emulator's type lacks: {string.Join(", ", targetProperties.Keys)}.");
        }

        return copy;
    }

    private static InvalidOperationException Mismatch(Type source, Type target) =>
        new($"The wire bridge cannot copy {source.FullName} to {target.FullName}.");
}
