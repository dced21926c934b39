namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// THE layer map of the repository: which package may reference which, and inside each assembly which part may use
/// which. It is the only copy: <c>docs/architecture.md</c> shows it (generated tables that <see cref="DocsMatchTheMapTests"/>
/// keeps equal to this file) and XML doc remarks cite that page instead of restating it. The tests in this project
/// check the compiled IL against it.
/// </summary>
/// <remarks>
/// <para>To add a namespace, a folder or a type: add (or extend) one row. A row's <c>MayUse</c> is the complete list of
/// the other parts of the same assembly it may use; an empty list means "nothing of ours". A row may only use rows of
/// its own layer or of lower ones, and two rows never use each other.</para>
/// <para>A part is matched by the full name of a type first (<c>Types</c>), then by namespace: a namespace entry covers
/// that namespace and every namespace under it, except that the assembly's root namespace covers itself only (so a new
/// namespace is placed deliberately, never by accident).</para>
/// </remarks>
internal static partial class LayerMap
{
    /// <summary>The packages and which of ours each may reference; <c>PublicApiOnly</c>: through the public API only (no <c>InternalsVisibleTo</c>).</summary>
    internal static readonly PackageRule[] Packages =
    [
        new("CosQualityEstimate", [], "the SDK: clients, models, errors"),
        new("CosQualityEstimate.Emulator", ["CosQualityEstimate", "CosQualityEstimate.LocalAnalysis"], "the loopback emulator of the service (its own 1.0 package)", PublicApiOnly: true),
        new("CosQualityEstimate.LocalAnalysis", ["CosQualityEstimate"], "offline analysis with ffmpeg", PublicApiOnly: true),
        new("cosqe", ["CosQualityEstimate", "CosQualityEstimate.Emulator", "CosQualityEstimate.LocalAnalysis"], "the `cosqe` CLI (package CosQualityEstimate.Cli)", PublicApiOnly: true),
    ];

    /// <summary>The library (<c>src/CosQualityEstimate</c>).</summary>
    internal static readonly AssemblyMap Library = new(
        "CosQualityEstimate",
        "CosQualityEstimate",
        [
            new("Contract", 0, ["CosQualityEstimate", "CosQualityEstimate.Models"], [],
                "public models, the internal wire DTOs (`Models.Wire`), the exceptions (which carry models)"),
            new("Serialization", 1, ["CosQualityEstimate.Serialization"], ["Contract"],
                "the hardened XML/JSON readers and writers, client-token marker, body previews"),
            new("Signing", 2, ["CosQualityEstimate.Signing"], [],
                "the request signer and `CosCredential`; depends on nothing of ours"),
            new("Credentials", 2, ["CosQualityEstimate.Credentials"], ["Contract", "Signing"],
                "credential providers; never the HTTP layer"),
            new("Http", 2, ["CosQualityEstimate.Http"], ["Contract", "Serialization", "Signing", "Credentials"],
                "the pipeline shared by both clients (send, sign, retry rule, error mapping, diagnostics)"),
            new("Objects", 3, ["CosQualityEstimate.Objects"], ["Contract", "Serialization", "Signing", "Credentials", "Http"],
                "the object client (upload, head, list, delete); never Jobs"),
            new("Jobs", 4, ["CosQualityEstimate.Jobs"], ["Contract", "Serialization", "Signing", "Credentials", "Http", "Objects"],
                "`JobsClient`, its options, `CosResilience`, waiting, paging, submit safety"),
            new("DependencyInjection", 5,
                ["CosQualityEstimate.DependencyInjection", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Configuration.Binder.SourceGeneration"],
                ["Contract", "Serialization", "Signing", "Credentials", "Http", "Objects", "Jobs"],
                "container registration: `AddCosQualityEstimate` (where DI users look for it) and its generated binder"),
        ],
        Declared:
        [
            new("CosQualityEstimate.Models.JobCallback", "Serialization",
                "its public `Parse` (a 1.0 entry point on the model) forwards to `Serialization.JobCallbackParser` directly: one named edge instead of a hook filled at load time"),
        ]);

    /// <summary>The CLI (<c>src/CosQualityEstimate.Cli</c>, assembly <c>cosqe</c>): its folders, and the shell types at its root.</summary>
    internal static readonly AssemblyMap Cli = new(
        "cosqe",
        "CosQualityEstimate.Cli",
        [
            new("Errors", 0, [], [], "the usage error, the exit codes and the one failure table behind them and the batch",
                Types: ["CosQualityEstimate.Cli.CliUsageException", "CosQualityEstimate.Cli.ExitCodes", "CosQualityEstimate.Cli.FailureTable", "CosQualityEstimate.Cli.FailureClass"]),
            new("Results", 0, ["CosQualityEstimate.Cli.Results"], [], "where a result came from (service, local-analysis, simulated), as every output names it"),
            new("JournalStore", 0, ["CosQualityEstimate.Cli.Journal.Store"], [], "the journal's one SQLite connection, the only place SQL text runs; used by Journal alone"),
            new("Output", 1, ["CosQualityEstimate.Cli.Output"], ["Errors", "Results"], "renders jobs as text and JSON (`-o`)"),
            new("Objects", 1, ["CosQualityEstimate.Cli.Objects"], ["Errors"], "the CLI's seam onto object storage"),
            new("Journal", 1, ["CosQualityEstimate.Cli.Journal"], ["Errors", "Results", "JournalStore"],
                "the journal (SQLite): its kinds, their typed rows, its schema and its own findings format; never reads Output or Report"),
            new("Frames", 1, ["CosQualityEstimate.Cli.Frames"], ["Journal"], "frames and facts of videos (ffmpeg/ffprobe, bounded), kept in the journal's frame store"),
            new("Analysis", 1, ["CosQualityEstimate.Cli.Analysis"], ["Errors", "Frames", "Journal", "Output", "Results"], "`analyze`: local files through the local analyzer, in order, into the journal"),
            new("Host", 2, [], ["Errors", "Results", "Output", "Objects", "Analysis"], "configuration, the service connection, the command context, shared option parsing",
                Types: ["CosQualityEstimate.Cli.CliConfig", "CosQualityEstimate.Cli.OutputFormat", "CosQualityEstimate.Cli.CliHost", "CosQualityEstimate.Cli.ServiceConnection", "CosQualityEstimate.Cli.CommandContext", "CosQualityEstimate.Cli.CliParsing", "CosQualityEstimate.Cli.EmbeddedEmulator", "CosQualityEstimate.Cli.CommandActions"]),
            new("Batch", 3, ["CosQualityEstimate.Cli.Batch"], ["Errors", "Journal", "Objects", "Output"], "the batch stages"),
            new("Report", 3, ["CosQualityEstimate.Cli.Report"], ["Errors", "Frames", "Journal", "Output", "Results"], "`export` / `report` over a journal"),
            new("Commands", 4, ["CosQualityEstimate.Cli.Commands"], ["Errors", "Results", "Host", "Batch", "Report", "Analysis", "Frames", "Journal", "Objects", "Output"],
                "one type per command family"),
            new("Shell", 5, ["CosQualityEstimate.Cli"], ["Errors", "Results", "Host", "Commands", "Batch", "Report", "Analysis", "Journal", "Objects", "Output"],
                "`CliApp`: the command tree, dispatch and the exception → exit code mapping"),
        ]);

    /// <summary>
    /// The emulator (<c>src/CosQualityEstimate.Emulator</c>): its folders, the public types at its root namespace (placed
    /// by type, with the folder they live in), and <c>CosEmulator</c>, the composition root above everything.
    /// </summary>
    internal static readonly AssemblyMap Emulator = new(
        "CosQualityEstimate.Emulator",
        "CosQualityEstimate.Emulator",
        [
            new("Options", 0, [], [], "`CosEmulatorOptions`, what an embedder configures",
                Types: ["CosQualityEstimate.Emulator.CosEmulatorOptions"]),
            new("Shared", 0, ["CosQualityEstimate.Serialization"], [], "the service-time format, compiled in from the library (`ServiceTime`)"),
            new("Wire", 0, ["CosQualityEstimate.Emulator.Wire"], [], "the wire DTOs of requests, responses and callbacks"),
            new("Hosting", 0, ["CosQualityEstimate.Emulator.Hosting"], [], "Kestrel host plumbing (a host lifetime that never touches the console)"),
            new("Xml", 1, ["CosQualityEstimate.Emulator.Xml"], ["Wire"], "the hardened XML reader and the response writers"),
            new("Faults", 1, ["CosQualityEstimate.Emulator.Faults"], ["Options"], "injected faults: the public `EmulatorFaults` and its plan",
                Types: ["CosQualityEstimate.Emulator.EmulatorFault", "CosQualityEstimate.Emulator.EmulatorFaultKind", "CosQualityEstimate.Emulator.EmulatorFaults"]),
            new("Cli", 1, ["CosQualityEstimate.Emulator.Cli"], ["Options"], "the emulator executable's command line"),
            new("Http", 2, ["CosQualityEstimate.Emulator.Http"], ["Wire", "Xml"], "HTTP primitives every route uses (response, raw query, error codes); never a route"),
            new("Security", 2, ["CosQualityEstimate.Emulator.Security"], [], "credentials and the signature check"),
            new("Objects", 3, ["CosQualityEstimate.Emulator.Objects"], ["Http", "Xml"], "the object store and the COS object routes; never snapshots, jobs or batches",
                Types: ["CosQualityEstimate.Emulator.EmulatorObjectInfo"]),
            new("Analysis", 4, ["CosQualityEstimate.Emulator.Analysis"], ["Objects", "Wire"], "local analysis of stored objects into job results"),
            new("Snapshots", 4, ["CosQualityEstimate.Emulator.Snapshots"], ["Http", "Objects"], "CI's GetSnapshot over stored objects"),
            new("Jobs", 5, ["CosQualityEstimate.Emulator.Jobs"], ["Options", "Shared", "Wire", "Http", "Objects", "Analysis"], "the job store, timeline and results; never batches, callbacks or routing"),
            new("Callbacks", 6, ["CosQualityEstimate.Emulator.Callbacks"], ["Wire", "Xml", "Jobs"], "job callbacks to loopback hosts"),
            new("Batches", 6, ["CosQualityEstimate.Emulator.Batches"], ["Shared", "Wire", "Xml", "Http", "Objects", "Jobs"], "batch processing jobs over the job store"),
            new("Routing", 7, ["CosQualityEstimate.Emulator.Routing"], ["Options", "Wire", "Xml", "Faults", "Http", "Security", "Objects", "Snapshots", "Jobs", "Batches"],
                "the front door: authenticate, apply faults, route to objects, snapshots, jobs or batches, write the response"),
            new("Shell", 8, ["CosQualityEstimate.Emulator"], ["Options", "Shared", "Wire", "Hosting", "Xml", "Faults", "Http", "Security", "Objects", "Analysis", "Snapshots", "Jobs", "Callbacks", "Batches", "Routing"],
                "`CosEmulator`: the composition root that builds and starts everything"),
        ]);

    /// <summary>Every assembly map, for the checks that apply to all.</summary>
    internal static AssemblyMap[] Assemblies => [Library, Cli, Emulator, LocalAnalysis];
}

/// <summary>One package and the packages of ours it may reference.</summary>
internal sealed record PackageRule(string Assembly, string[] MayReference, string Holds, bool PublicApiOnly = false);

/// <summary>The parts of one assembly, lowest layer first.</summary>
internal sealed record AssemblyMap(string Assembly, string Root, Component[] Components, PendingEdge[]? Pending = null, DeclaredEdge[]? Declared = null)
{
    /// <summary>The part a type of namespace <paramref name="ns"/> belongs to; null for runtime/compiler plumbing.</summary>
    internal Component? Of(string typeFullName, string ns)
    {
        if (ns.Length == 0 || ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        {
            return null; // <Module>, <PrivateImplementationDetails>, embedded attributes and polyfills
        }

        var byType = Components.FirstOrDefault(c => c.Types?.Contains(typeFullName) == true);
        if (byType is not null)
        {
            return byType;
        }

        return Components
            .SelectMany(c => c.Namespaces.Select(n => (Component: c, Namespace: n)))
            .Where(x => ns == x.Namespace || (x.Namespace != Root && ns.StartsWith(x.Namespace + ".", StringComparison.Ordinal)))
            .OrderByDescending(x => x.Namespace.Length)
            .Select(x => x.Component)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"Namespace {ns} ({typeFullName}) is in no part of {Assembly}: add it to a row of LayerMap and regenerate docs/architecture.md.");
    }

    /// <summary>The part named <paramref name="name"/>.</summary>
    internal Component Named(string name) => Components.Single(c => c.Name == name);

    /// <summary>
    /// Each use of one part by another that the map does not allow, as readable lines; the <see cref="Pending"/> ones only
    /// when <paramref name="pending"/> is true, and then only those.
    /// </summary>
    internal List<string> Violations(IEnumerable<DependencyScanner.Edge> edges, bool pending = false) =>
        edges
            .Select(e => (Edge: e, From: Of(e.Type, e.From), To: Of(e.UsedType, e.To)))
            .Where(x => x.From is not null && x.To is not null && x.From != x.To && !x.From.MayUse.Contains(x.To.Name))
            .Where(x => !(Declared ?? []).Any(d => d.Type == x.Edge.Type && d.To == x.To!.Name))
            .Where(x => pending == (Pending ?? []).Any(p => p.From == x.From!.Name && p.To == x.To!.Name))
            .Select(x => $"{x.From!.Name} → {x.To!.Name}: {x.Edge.Type} uses {x.Edge.UsedType}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
}

/// <summary>
/// One part of an assembly: the namespaces (and single types) it holds, its layer (0 = lowest) and the complete list of
/// the other parts it may use.
/// </summary>
internal sealed record Component(string Name, int Layer, string[] Namespaces, string[] MayUse, string Holds, string[]? Types = null);

/// <summary>A use the map forbids that another branch removes; listed so that the rest of the map is enforced meanwhile.</summary>
internal sealed record PendingEdge(string From, string To, string Until);

/// <summary>One type allowed to use one part its own part may not, named with the reason (the test checks the edge is real).</summary>
internal sealed record DeclaredEdge(string Type, string To, string Why);
