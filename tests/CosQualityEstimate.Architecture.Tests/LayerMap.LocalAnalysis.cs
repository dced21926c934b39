namespace CosQualityEstimate.Architecture.Tests;

/// <summary>The LocalAnalysis package's part of <see cref="LayerMap"/> (issue 22 §5): its folders, lowest layer first.</summary>
internal static partial class LayerMap
{
    private const string La = "CosQualityEstimate.LocalAnalysis";

    /// <summary>
    /// Offline analysis (<c>src/CosQualityEstimate.LocalAnalysis</c>): the public contract at the bottom; the detectors read
    /// only what was measured (<c>Detection</c>, which knows nothing of ffmpeg or of the frame worker); the frame
    /// measures and the ffmpeg pass produce it; the score reads the detectors' findings; the analyzer at the top.
    /// </summary>
    internal static readonly AssemblyMap LocalAnalysis = new(
        La,
        La,
        [
            new("Contract", 0, [La], [],
                "options, thresholds (the public ones and the internal `AnalysisPlan`, declared once in `ThresholdDeclarations`), the result and its breakdown, the calibration, the exceptions"),
            new("Perceptual", 0, [La + ".Perceptual"], [], "natural-scene statistics: BRISQUE, NIQE and their embedded models; pictures in, numbers out"),
            new("Detection", 1, [La + ".Detection"], ["Contract"],
                "what one analysis measured (`AnalysisData`: each series with its sample interval) and one detector per finding type"),
            new("Frames", 2, [La + ".Frames"], ["Contract", "Detection", "Perceptual"], "the frame worker and its measures of the gray frames (codes, pixelation, noise, blockiness, bars, BRISQUE/NIQE)"),
            new("Scoring", 2, [La + ".Scoring"], ["Contract", "Detection"], "the score model, its pooling, the encoding prior and the breakdown"),
            new("Ffmpeg", 3, [La + ".Ffmpeg"], ["Contract", "Detection", "Frames"],
                "ffmpeg/ffprobe: locating the tools, the probe, the one analysis pass and its graph, reading what it wrote"),
            new("Snapshots", 4, [La + ".Snapshots"], ["Contract", "Ffmpeg"], "one frame of a local video as a picture (`LocalFrameExtractor`)"),
            new("Analyzer", 5, [], ["Contract", "Perceptual", "Detection", "Frames", "Scoring", "Ffmpeg"],
                "`LocalVideoAnalyzer`: probe, the pass, the detectors, the score, the result; its diagnostics",
                Types: [La + ".LocalVideoAnalyzer", La + ".ResultBuilder", La + ".LocalAnalysisDiagnostics"]),
        ]);
}
