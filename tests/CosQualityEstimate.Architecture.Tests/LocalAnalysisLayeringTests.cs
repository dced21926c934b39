namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// Inside CosQualityEstimate.LocalAnalysis, dependencies follow <see cref="LayerMap.LocalAnalysis"/> (issue 22 §5): the
/// detectors import nothing from the ffmpeg pass or the frame worker, and nothing points back up.
/// </summary>
public sealed class LocalAnalysisLayeringTests
{
    private static readonly AssemblyMap Map = LayerMap.LocalAnalysis;

    [Fact]
    public void LocalAnalysis_UsesOnlyWhatItsMapAllows()
    {
        var edges = DependencyScanner.Scan(Assemblies.PathOf(Map.Assembly));

        Expect.None(Map.Violations(edges));
        // The scan sees real edges (a check that sees nothing cannot fail).
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.LocalAnalysis.Ffmpeg" && e.To == "CosQualityEstimate.LocalAnalysis.Detection");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.LocalAnalysis.Frames" && e.To == "CosQualityEstimate.LocalAnalysis.Perceptual");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.LocalAnalysis.Detection" && e.To == "CosQualityEstimate.LocalAnalysis");
    }

    [Fact]
    public void Detection_ImportsNothingFromFfmpegOrFrames()
    {
        var edges = DependencyScanner.Scan(Assemblies.PathOf(Map.Assembly));

        Assert.DoesNotContain("Ffmpeg", Map.Named("Detection").MayUse);
        Assert.DoesNotContain("Frames", Map.Named("Detection").MayUse);
        Expect.None(edges
            .Where(e => e.From == "CosQualityEstimate.LocalAnalysis.Detection"
                && (e.To == "CosQualityEstimate.LocalAnalysis.Ffmpeg" || e.To == "CosQualityEstimate.LocalAnalysis.Frames"))
            .Select(e => $"{e.Type} uses {e.UsedType}")
            .ToList());
    }

    [Fact]
    public void TheContractUsesNothingOfOurs_AndTheAnalyzerIsOnTop()
    {
        Assert.Empty(Map.Named("Contract").MayUse);
        Assert.Empty(Map.Named("Perceptual").MayUse);
        Assert.Equal(Map.Components.Max(c => c.Layer), Map.Named("Analyzer").Layer);
        Assert.Equal("Analyzer", Map.Of("CosQualityEstimate.LocalAnalysis.LocalVideoAnalyzer", "CosQualityEstimate.LocalAnalysis")!.Name);
        Assert.Equal("Contract", Map.Of("CosQualityEstimate.LocalAnalysis.LocalAnalysisThresholds", "CosQualityEstimate.LocalAnalysis")!.Name);
    }
}
