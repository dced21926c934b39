namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// The docs check: every C# snippet of README.md and docs/ compiles against the current library (convention in
/// <see cref="DocSnippets"/> and docs/architecture.md). <c>.ci/run</c> runs it as its own step.
/// </summary>
public sealed class DocSnippetsTests
{
    /// <summary>Every compiled snippet, by <c>file:line</c>.</summary>
    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in DocSnippets.All().Where(s => s.Compile))
        {
            data.Add(snippet.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_Compiles(string where)
    {
        var snippet = DocSnippets.All().Single(s => s.ToString() == where);

        var errors = SnippetCompiler.Errors(snippet.Code, snippet.IsProgram);

        Assert.True(errors.Count == 0, $"{where} ({(snippet.IsProgram ? "program" : "fragment")}) does not compile:\n{string.Join("\n", errors)}\n---\n{snippet.Code}");
    }

    [Fact]
    public void Docs_HaveSnippets_AndFewAreExempt()
    {
        var all = DocSnippets.All();

        Assert.True(all.Count(s => s.Compile) >= 15, "the snippets were found");
        Assert.Contains(all, s => s.File == "README.md");
        Assert.True(all.Count(s => !s.Compile) <= 3, "no-compile is for the rare block that needs a package this repository does not use");
    }

    [Fact]
    public void Check_ReportsAMissingUsing_InAProgram()
    {
        const string code = """
            using CosQualityEstimate.Objects;

            var options = new ObjectsClientOptions { Credential = new CosCredential(secretId, secretKey) };
            """;

        Assert.Contains(SnippetCompiler.Errors(code, isProgram: true), e => e.StartsWith("CS0246", StringComparison.Ordinal));
        Assert.Empty(SnippetCompiler.Errors("using CosQualityEstimate.Signing;\n" + code, isProgram: true));
    }

    [Fact]
    public void Check_ReportsAnApiThatDoesNotExist_InAFragment() =>
        Assert.Contains(SnippetCompiler.Errors("await client.DownloadObjectAsync(\"k\");", isProgram: false), e => e.StartsWith("CS1061", StringComparison.Ordinal));
}
