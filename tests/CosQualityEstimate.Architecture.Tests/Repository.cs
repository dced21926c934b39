namespace CosQualityEstimate.Architecture.Tests;

/// <summary>Files of the repository this test runs from (found by walking up to <c>CosQualityEstimate.sln</c>).</summary>
internal static class Repository
{
    /// <summary>The repository's root folder.</summary>
    internal static string Root { get; } = FindRoot();

    /// <summary>The full path of <paramref name="relativePath"/> (forward slashes).</summary>
    internal static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CosQualityEstimate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CosQualityEstimate.sln not found above " + AppContext.BaseDirectory);
    }
}
