using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Tests.Architecture;

/// <summary>
/// Dependencies between the library's namespaces point one way (STYLE.md rule 18):
/// <c>Models</c> and the root namespace (exceptions) ← <c>Serialization</c> ← <c>Http</c>/<c>Signing</c>/<c>Credentials</c>
/// ← <c>Objects</c> ← <c>Jobs</c> ← <c>DependencyInjection</c>. A type may use types of its own layer or of lower layers
/// only. The check reads the compiled IL (signatures and method bodies), so a back-edge cannot hide in a method body,
/// a lambda or an async state machine.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "CosQualityEstimate";

    /// <summary>The layer of a namespace under <paramref name="root"/>, lowest first; null for compiler/runtime plumbing outside it.</summary>
    internal static int? Layer(string ns, string root)
    {
        if (ns.Length == 0 || ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        {
            return null; // <Module>, <PrivateImplementationDetails>, embedded attributes and polyfills
        }

        if (ns is "Microsoft.Extensions.DependencyInjection" or "Microsoft.Extensions.Configuration.Binder.SourceGeneration")
        {
            return 5; // the AddCosQualityEstimate extension class (where DI users look for it) and its generated binder
        }

        if (ns == root)
        {
            return 0; // exceptions: they carry models (JobFailedException.Job) and models throw them
        }

        var sub = ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;
        return sub switch
        {
            "Models" => 0,
            "Serialization" => 1,
            "Http" or "Signing" or "Credentials" => 2,
            "Objects" => 3,
            "Jobs" => 4,
            "DependencyInjection" => 5,
            _ => throw new InvalidOperationException($"Namespace {ns} is in no layer: place it in LayeringTests.Layer and in the docs."),
        };
    }

    /// <summary>
    /// The declared exceptions, each one type and the layer it reaches up to: the public <c>JobCallback.Parse</c> (a
    /// model's 1.0 entry point) forwards to <c>Serialization.JobCallbackParser</c> directly — no hook filled at load time.
    /// </summary>
    internal static readonly (string Type, string To)[] DeclaredUpEdges =
    [
        ("CosQualityEstimate.Models.JobCallback", "CosQualityEstimate.Serialization"),
    ];

    internal static List<string> Violations(IEnumerable<(string From, string To, string Type)> edges, string root) =>
        edges
            .Where(e => !DeclaredUpEdges.Contains((e.Type, e.To)))
            .Where(e => Layer(e.From, root) is int from && Layer(e.To, root) is int to && to > from)
            .Select(e => $"{e.Type} ({e.From}) uses {e.To}")
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Library_HasNoDependencyPointingUpTheLayers()
    {
        var edges = DependencyScanner.Scan(typeof(JobsClient).Assembly.Location);

        Assert.Empty(Violations(edges, Root));
        // The scan sees real edges (a check that sees nothing cannot fail): Jobs uses Http, Http uses Serialization.
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Jobs" && e.To == "CosQualityEstimate.Http");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Http" && e.To == "CosQualityEstimate.Serialization");
        // Each declared exception is a real edge the scan sees (the forwarder calls the parser), not a hidden one.
        Assert.All(DeclaredUpEdges, d => Assert.Contains(edges, e => e.Type == d.Type && e.To == d.To));
    }

    [Fact]
    public void Library_EveryNamespaceIsPlacedInALayer()
    {
        var namespaces = typeof(JobsClient).Assembly.GetTypes().Select(t => t.Namespace ?? string.Empty).Distinct();

        Assert.All(namespaces, ns => Layer(ns, Root));
        Assert.Equal(3, Layer("CosQualityEstimate.Objects", Root)); // the object client's namespace sits below Jobs
    }

    [Fact]
    public void Library_NeverReferencesTheEmulator()
    {
        var references = typeof(JobsClient).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain("CosQualityEstimate.Emulator", references);
    }

    [Fact]
    public void Check_OnDeliberatelyBadFixtureTypes_ReportsEveryBackEdge()
    {
        const string fixtureRoot = "CosQualityEstimate.Tests.Architecture.Fixture";
        var edges = DependencyScanner.Scan(typeof(LayeringTests).Assembly.Location)
            .Where(e => e.From.StartsWith(fixtureRoot, StringComparison.Ordinal) && e.To.StartsWith(fixtureRoot, StringComparison.Ordinal));

        var violations = Violations(edges, fixtureRoot);

        Assert.Equal(
            new[]
            {
                $"{fixtureRoot}.Models.ModelCallingJobs ({fixtureRoot}.Models) uses {fixtureRoot}.Jobs",
                $"{fixtureRoot}.Objects.ObjectsLambdaUsingJobs ({fixtureRoot}.Objects) uses {fixtureRoot}.Jobs",
                $"{fixtureRoot}.Serialization.SerializerHoldingHttp ({fixtureRoot}.Serialization) uses {fixtureRoot}.Http",
            },
            violations);
    }
}
