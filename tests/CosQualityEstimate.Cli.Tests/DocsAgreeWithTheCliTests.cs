using System.Text.RegularExpressions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>docs/cli.md, the package readme and the CLI's own help and errors say the same thing.</summary>
public sealed class DocsAgreeWithTheCliTests
{
    private const string States = "Submitted, Running, Success, Failed, Paused";

    [Fact]
    public async Task ListStateHelp_SpellsTheStatesAsTheDocsAndTheParserDo()
    {
        var help = await CliRun.RunAsync(new Dictionary<string, string?>(), ["list", "--help"]);
        var refused = await CliRun.RunAsync(new Dictionary<string, string?>(), ["list", "--state", "Nope"]);
        var docsRow = File.ReadLines(RepositoryFile("docs/cli.md")).Single(l => l.StartsWith("| `list ", StringComparison.Ordinal));

        var helpLine = help.Out.Split('\n').Single(l => l.Contains("--state", StringComparison.Ordinal));
        Assert.Contains(States + ", Canceled", helpLine, StringComparison.Ordinal);
        Assert.Contains(States + ", Canceled", docsRow, StringComparison.Ordinal);
        Assert.Contains(States + " or Canceled", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageReadme_ListsEveryExitCodeOfTheGuide()
    {
        var guide = File.ReadAllText(RepositoryFile("docs/cli.md"));
        var exitCodes = Regex.Matches(guide[guide.IndexOf("## Exit codes", StringComparison.Ordinal)..], @"^\| (\d+) \|", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();
        var readme = File.ReadAllText(RepositoryFile("src/CosQualityEstimate.Cli/PACKAGE.md"));
        var readmeLine = readme[readme.IndexOf("Exit codes:", StringComparison.Ordinal)..].Split("\n\n")[0];

        Assert.Contains("130", exitCodes);
        Assert.All(exitCodes, code => Assert.Matches($@"\b{code} ", readmeLine));
    }

    [Fact]
    public void Guide_ClaimsNoFeatureIsMissingFromThisBuild()
    {
        // Uploading local files and batch --prefix work (JobCommandsTests.Estimate_of_a_local_file_uploads_it_once_and_estimates_it,
        // BatchTests.Prefix_lists_the_bucket_through_the_object_client); the guide must not say otherwise.
        var guide = File.ReadAllText(RepositoryFile("docs/cli.md"));

        Assert.DoesNotContain("not supported by this build", guide, StringComparison.Ordinal);
        Assert.DoesNotContain("## Not in this build", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesTable_QuotesWhatTheCliPrints()
    {
        // docs/cli.md "Messages" shows these lines verbatim (issue 24); the CLI must print exactly them.
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a"));
        Directory.CreateDirectory(dir.File("b"));
        File.WriteAllText(dir.File("a/ep1.mp4"), "x");
        File.WriteAllText(dir.File("b/ep1.mp4"), "y");
        var env = new Dictionary<string, string?>();
        var guide = File.ReadAllText(RepositoryFile("docs/cli.md"));
        var table = guide[guide.IndexOf("## Messages", StringComparison.Ordinal)..guide.IndexOf("## Offline analysis", StringComparison.Ordinal)];

        foreach (var args in new[]
        {
            new[] { "analyze", "/clips", "--concurency", "2" },
            new[] { "estimate", "/data/clips/sub/cup.mp4" },
            new[] { "upload", "a/ep1.mp4", "b/ep1.mp4", "--prefix", "p/" },
            new[] { "snapshot", "clip.mp4", "--at", "-1", "-o", "frame.jpg" },
            new[] { "snapshot", "./nope.mp4", "--at", "1", "-o", "frame.jpg" },
            new[] { "report", "--journal", "run.db", "--frames", "0" },
            new[] { "report", "--journal", "run.db", "--frames", "60" },
        })
        {
            var result = await CliRun.RunAsync(env, args, directory: dir.Path);
            var line = Assert.Single(result.ErrorLines).TrimEnd('\r');
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("`" + line + "`", table, StringComparison.Ordinal);
        }

        Assert.Contains(Results.ModeLabels.ScoreOnly, table, StringComparison.Ordinal);
        Assert.Contains("`cosqe: no jobs to list.`", table, StringComparison.Ordinal);
    }

    private static string RepositoryFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CosQualityEstimate.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new InvalidOperationException("CosQualityEstimate.sln not found above " + AppContext.BaseDirectory);
    }
}
