namespace CosQualityEstimate.Architecture.Tests;

/// <summary>Assertions whose failure message lists every offender in full, one a line.</summary>
internal static class Expect
{
    /// <summary>Fails listing <paramref name="offenders"/> when there is any.</summary>
    internal static void None(IReadOnlyCollection<string> offenders) =>
        Assert.True(offenders.Count == 0, $"{offenders.Count} offender(s):{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
}
