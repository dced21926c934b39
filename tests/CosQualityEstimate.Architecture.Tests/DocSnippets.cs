using System.Text.RegularExpressions;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// The C# snippets of README.md and docs/*.md: every fenced block whose info string is <c>csharp</c>.
/// </summary>
/// <remarks>
/// The convention (programs, fragments, the names pages take as given, <c>```csharp no-compile</c>) is written once, in
/// docs/architecture.md, "The docs check"; <see cref="SnippetCompiler"/> implements it.
/// </remarks>
internal static partial class DocSnippets
{
    /// <summary>One snippet: where it is and its code.</summary>
    internal sealed record Snippet(string File, int Line, string Code, bool Compile)
    {
        /// <summary>True when it declares its own <c>using</c> directives (a program, checked for missing usings).</summary>
        internal bool IsProgram => UsingLine().IsMatch(Code.TrimStart());

        /// <inheritdoc/>
        public override string ToString() => $"{File}:{Line}";
    }

    /// <summary>Every C# snippet of README.md and docs/*.md, in file order.</summary>
    internal static IReadOnlyList<Snippet> All()
    {
        var files = new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md").Select(f => Path.GetRelativePath(Repository.Root, f)).Order(StringComparer.Ordinal));
        var snippets = new List<Snippet>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Repository.PathOf(file));
            for (var i = 0; i < lines.Length; i++)
            {
                var fence = Fence().Match(lines[i]);
                if (!fence.Success)
                {
                    continue;
                }

                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                snippets.Add(new Snippet(file.Replace('\\', '/'), start + 1, string.Join("\n", lines[start..end]), fence.Groups[1].Value.Trim() != "no-compile"));
                i = end;
            }
        }

        return snippets;
    }

    [GeneratedRegex(@"^```(?:csharp|cs|c#)(\s.*)?$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^using\s+[A-Za-z_][\w.]*\s*;")]
    private static partial Regex UsingLine();
}
