namespace CosQualityEstimate.Architecture.Tests;

/// <summary>Renders <see cref="LayerMap"/> as the markdown tables docs/architecture.md shows.</summary>
internal static class LayerMapMarkdown
{
    /// <summary>The table named <paramref name="name"/>: <c>packages</c>, <c>library</c>, <c>cli</c>, <c>emulator</c> or <c>localanalysis</c>.</summary>
    internal static string Table(string name) => name switch
    {
        "packages" => Lines(
            "| Package (assembly) | May reference | Public API only | Holds |",
            "| --- | --- | --- | --- |",
            LayerMap.Packages.Select(p => $"| `{p.Assembly}` | {List(p.MayReference)} | {(p.PublicApiOnly ? "yes" : "—")} | {p.Holds} |")),
        "library" => Parts(LayerMap.Library),
        "cli" => Parts(LayerMap.Cli),
        "emulator" => Parts(LayerMap.Emulator),
        "localanalysis" => Parts(LayerMap.LocalAnalysis),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The names of every table.</summary>
    internal static readonly string[] Names = ["packages", "library", "cli", "emulator", "localanalysis"];

    private static string Parts(AssemblyMap map) => Lines(
        "| Layer | Part | Namespaces / types | May use | Holds |",
        "| --- | --- | --- | --- | --- |",
        map.Components.Select(c =>
            $"| {c.Layer} | {c.Name} | {List(c.Namespaces.Concat(c.Types ?? []).ToArray())} | {(c.MayUse.Length == 0 ? "nothing of ours" : string.Join(", ", c.MayUse))} | {c.Holds} |"))
        + string.Concat((map.Pending ?? []).Select((p, i) => (i == 0 ? "\n\nStill in the code although the map forbids it:\n" : "\n") + $"- {p.From} → {p.To}, {p.Until}"));

    private static string List(string[] names) => names.Length == 0 ? "—" : string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Lines(string header, string rule, IEnumerable<string> rows) =>
        string.Join("\n", new[] { header, rule }.Concat(rows));
}
