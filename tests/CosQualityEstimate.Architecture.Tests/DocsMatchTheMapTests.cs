using System.Text.RegularExpressions;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// One layer map: docs/architecture.md shows <see cref="LayerMap"/>'s tables verbatim, and no other source file restates
/// a layer chain (XML doc remarks cite docs/architecture.md instead).
/// </summary>
public sealed class DocsMatchTheMapTests
{
    [Theory]
    [InlineData("packages")]
    [InlineData("library")]
    [InlineData("cli")]
    [InlineData("emulator")]
    [InlineData("localanalysis")]
    public void ArchitectureMd_ShowsTheMapsTable(string table)
    {
        var doc = File.ReadAllText(Repository.PathOf("docs/architecture.md")).ReplaceLineEndings("\n");
        var begin = $"<!-- layer-map:{table} (generated from tests/CosQualityEstimate.Architecture.Tests/LayerMap.cs; edit the map, then paste the table this test prints) -->\n";
        var end = $"\n<!-- /layer-map:{table} -->";
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/architecture.md has no line {begin.Trim()}");
        var stop = doc.IndexOf(end, start, StringComparison.Ordinal);
        Assert.True(stop >= 0, $"docs/architecture.md has no line {end.Trim()}");

        var shown = doc[(start + begin.Length)..stop];
        var expected = LayerMapMarkdown.Table(table);
        Assert.True(shown == expected, $"docs/architecture.md's {table} table differs from LayerMap.cs; it should be:\n{expected}");
    }

    [Fact]
    public void NoSourceFile_RestatesALayerChain()
    {
        var names = LayerMap.Assemblies.SelectMany(m => m.Components).Select(c => c.Name)
            .Concat(["Models", "Serialization", "Http", "Signing", "Credentials", "Objects", "Jobs"]).Distinct();
        var chain = new Regex($@"\b({string.Join("|", names)})\b[^\n]*(←|<-)\s*<?c?>?\s*\b({string.Join("|", names)})\b");
        var offenders =
            from dir in new[] { "src", "tests" }
            from file in Directory.EnumerateFiles(Repository.PathOf(dir), "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains("CosQualityEstimate.Architecture.Tests", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, i) => (Text: text, Number: i + 1))
            where chain.IsMatch(line.Text)
            select $"{Path.GetRelativePath(Repository.Root, file)}:{line.Number}: {line.Text.Trim()}";

        Expect.None(offenders.ToList());
        Assert.Matches(chain, "Models ← Serialization ← Http"); // the pattern catches the form the old remarks used
    }
}
