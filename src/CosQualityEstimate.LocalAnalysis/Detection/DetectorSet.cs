namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>Every detector, in the order their findings are reported.</summary>
internal static class DetectorSet
{
    public static readonly IReadOnlyList<IDetector> All =
    [
        new JitterDetector(),
        new BlurDetector(),
        new LightingDetector(),
        new CrashScreenDetector(),
        new EdgeDetector(),
        new SolidColorDetector(),
        new NoiseDetector(),
        new MosaicDetector(),
        new CodeDetector(),
        new VoiceDetector(),
    ];
}
