using System.Reflection;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Tests.Objects;

/// <summary>
/// Objects sits below Jobs (layer map: docs/architecture.md): no type of
/// <c>CosQualityEstimate.Objects</c> names a <c>CosQualityEstimate.Jobs</c> type in its base types, fields, properties,
/// method signatures or nested types. (A signature-level check; the full architecture test covers method bodies.)
/// </summary>
public sealed class ObjectsLayeringTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void ObjectsNamespace_Signatures_NeverReferenceJobs()
    {
        var objectsTypes = typeof(ObjectsClient).Assembly.GetTypes()
            .Where(t => t.Namespace == "CosQualityEstimate.Objects")
            .ToList();
        var offenders = new List<string>();
        foreach (var type in objectsTypes)
        {
            foreach (var referenced in ReferencedTypes(type))
            {
                if (referenced.Namespace?.StartsWith("CosQualityEstimate.Jobs", StringComparison.Ordinal) == true)
                {
                    offenders.Add($"{type.FullName} -> {referenced.FullName}");
                }
            }
        }

        Assert.True(objectsTypes.Count > 10, "the Objects namespace was found");
        Assert.Empty(offenders);
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        IEnumerable<Type> Expand(Type t) =>
            t.HasElementType ? Expand(t.GetElementType()!) : t.IsGenericType ? t.GetGenericArguments().SelectMany(Expand).Prepend(t.GetGenericTypeDefinition()) : [t];

        var direct = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            direct.Add(baseType);
        }

        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(All).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
        }

        return direct.SelectMany(Expand);
    }
}
