using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// Between the packages, references follow <see cref="LayerMap.Packages"/>: the library references none of ours, and a
/// package marked public-API-only (the emulator, LocalAnalysis, the CLI) is granted no <c>InternalsVisibleTo</c> by the
/// packages it uses and names only their public types and members.
/// </summary>
public sealed class PackageTests
{
    private static readonly string[] Ours = LayerMap.Packages.Select(p => p.Assembly).ToArray();

    [Fact]
    public void EveryPackage_ReferencesOnlyThePackagesItsRowAllows()
    {
        foreach (var rule in LayerMap.Packages)
        {
            var references = Assemblies.Load(rule.Assembly).GetReferencedAssemblies().Select(a => a.Name!).Where(Ours.Contains);

            Assert.All(references, r => Assert.True(rule.MayReference.Contains(r), $"{rule.Assembly} references {r}"));
        }

        Assert.Contains("CosQualityEstimate", Assemblies.Load("cosqe").GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void LocalAnalysis_UsesOnlyTheLibrarysPublicApi() =>
        Expect.None(NonPublicUses("CosQualityEstimate.LocalAnalysis"));

    [Fact]
    public void Cli_UsesOnlyThePublicApiOfThePackages() =>
        Expect.None(NonPublicUses("cosqe"));

    [Fact]
    public void Emulator_UsesOnlyTheLibrarysPublicApi() =>
        Expect.None(NonPublicUses("CosQualityEstimate.Emulator"));

    [Fact]
    public void Check_SeesGrantsReferencesAndVisibility()
    {
        // A grant: the library grants its internals to its own test project.
        Assert.Contains("CosQualityEstimate grants InternalsVisibleTo CosQualityEstimate.Tests", NonPublicUses("cosqe", grantCheckedFor: "CosQualityEstimate.Tests"));

        // References: the CLI's names of library types are resolved (a check that resolves nothing cannot fail).
        using var stream = File.OpenRead(Assemblies.PathOf("cosqe"));
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var resolved = md.TypeReferences.Select(h => Resolve(md, h)).OfType<Type>().ToList();
        Assert.Contains(resolved, t => t.FullName == "CosQualityEstimate.Jobs.JobsClient");

        // Visibility: an internal type and an internal member of a public type are not public API.
        var library = Assemblies.Load("CosQualityEstimate");
        Assert.False(IsVisible(library.GetTypes().First(t => !t.IsVisible && !t.IsNested)));
        Assert.True(IsVisible(library.GetType("CosQualityEstimate.Jobs.JobsClient")!));
        var internalMember = library.GetTypes().Where(t => t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .First(m => m.IsAssembly);
        Assert.False(IsVisible(internalMember));
    }

    /// <summary>
    /// Why <paramref name="assembly"/> is not limited to the public API of the packages of ours it references: each
    /// grant of <c>InternalsVisibleTo</c>, each non-public type and each member with no public or protected overload it names.
    /// </summary>
    private static List<string> NonPublicUses(string assembly, string? grantCheckedFor = null)
    {
        var problems = new List<string>();
        var name = grantCheckedFor ?? assembly;
        foreach (var reference in Assemblies.Load(assembly).GetReferencedAssemblies().Where(a => Ours.Contains(a.Name) && a.Name != name))
        {
            var grants = Assembly.Load(reference).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName.Split(',')[0]);
            if (grants.Contains(name))
            {
                problems.Add($"{reference.Name} grants InternalsVisibleTo {name}");
            }
        }

        if (grantCheckedFor is not null)
        {
            return problems;
        }

        using var stream = File.OpenRead(Assemblies.PathOf(assembly));
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        foreach (var handle in md.TypeReferences)
        {
            if (Resolve(md, handle) is { } type && !IsVisible(type))
            {
                problems.Add($"type {type.FullName}");
            }
        }

        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference || Resolve(md, (TypeReferenceHandle)member.Parent) is not { } owner)
            {
                continue;
            }

            var memberName = md.GetString(member.Name);
            var candidates = owner.GetMember(memberName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static);
            if (candidates.Length > 0 && !candidates.Any(IsVisible))
            {
                problems.Add($"member {owner.FullName}.{memberName}");
            }
        }

        return problems.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The type a reference names when it lives in one of our assemblies; null otherwise.</summary>
    private static Type? Resolve(MetadataReader md, TypeReferenceHandle handle)
    {
        var reference = md.GetTypeReference(handle);
        var name = md.GetString(reference.Name);
        switch (reference.ResolutionScope.Kind)
        {
            case HandleKind.AssemblyReference:
                var assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
                if (!Ours.Contains(assembly))
                {
                    return null;
                }

                var ns = md.GetString(reference.Namespace);
                return Assemblies.Load(assembly).GetType(ns.Length == 0 ? name : ns + "." + name, throwOnError: true);
            case HandleKind.TypeReference:
                return Resolve(md, (TypeReferenceHandle)reference.ResolutionScope)?.GetNestedType(name, BindingFlags.Public | BindingFlags.NonPublic);
            default:
                return null;
        }
    }

    private static bool IsVisible(Type type) =>
        (type.IsPublic || type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && (type.DeclaringType is null || IsVisible(type.DeclaringType));

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => IsVisible(a)),
        EventInfo e => e.AddMethod is { } add && IsVisible(add),
        Type t => IsVisible(t),
        _ => false,
    };
}
