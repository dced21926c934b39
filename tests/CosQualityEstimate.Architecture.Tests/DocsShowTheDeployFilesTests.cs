using System.Text.RegularExpressions;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// docs/cli.md shows the scale-out scripts that run, not copies: every block after a
/// <c>&lt;!-- file:PATH … --&gt;</c> line equals that file, and every file of deploy/ is shown.
/// </summary>
public sealed partial class DocsShowTheDeployFilesTests
{
    [Fact]
    public void CliMd_ShowsEveryDeployFile_Verbatim()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs/cli.md")).ReplaceLineEndings("\n");
        var shown = ShownFile().Matches(doc).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["body"].Value);
        var deployFiles = Directory.EnumerateFiles(Repository.PathOf("deploy"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(deployFiles);
        Expect.None(deployFiles.Where(f => !shown.ContainsKey(f)).Select(f => $"docs/cli.md does not show {f}").ToList());
        foreach (var (path, body) in shown)
        {
            var file = Repository.PathOf(path);
            Assert.True(File.Exists(file), $"docs/cli.md shows {path}, which does not exist");
            var expected = File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd('\n');
            Assert.True(body == expected, $"docs/cli.md's block for {path} differs from the file; paste the file there.");
        }
    }

    [Fact]
    public void ShownFilePattern_ReadsTheBlockAfterTheMarker()
    {
        var match = ShownFile().Match("<!-- file:deploy/x.sh (note) -->\n```sh\necho 1\necho 2\n```\n");

        Assert.True(match.Success);
        Assert.Equal("deploy/x.sh", match.Groups["path"].Value);
        Assert.Equal("echo 1\necho 2", match.Groups["body"].Value);
    }

    [GeneratedRegex(@"^<!-- file:(?<path>\S+)[^\n]*-->\n```[a-z]*\n(?<body>.*?)\n```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShownFile();
}
