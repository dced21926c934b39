namespace CosQualityEstimate.Tests.TestSupport;

/// <summary>Reads files from tests/.../Fixtures (copied to the output directory); see Fixtures/README.md for origins.</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>The document's pretty-printed XML with the whitespace between elements removed: the bytes a compact writer produces.</summary>
    public static string Compact(string xml) =>
        string.Concat(xml.Split('\n').Select(line => line.Trim()));
}
