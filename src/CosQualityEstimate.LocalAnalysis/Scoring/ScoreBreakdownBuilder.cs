using CosQualityEstimate.LocalAnalysis.Detection;

namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>The one place the score is made (used by <c>cosqe analyze</c>, the offline <c>estimate</c> and the
/// emulator alike, through <see cref="LocalVideoAnalyzer"/>): pooled inputs → model reading → defect penalty →
/// final score → calibration, with every step kept in the <see cref="LocalScoreBreakdown"/>.</summary>
internal static class ScoreBreakdownBuilder
{
    public static LocalScoreBreakdown Build(AnalysisData data, IReadOnlyList<Finding> findings, LocalAnalysisThresholds thresholds, LocalScoreCalibration? calibration)
    {
        var inputs = ScorePooling.Pool(data, findings);
        var reading = data.HasVideo ? ScoreModel.Read(inputs) : new ModelReading(0, 0);
        var penalty = data.HasVideo ? QualityScore.DefectPenalty(findings, data.DurationSeconds, thresholds) : 0;
        var uncalibrated = QualityScore.Final(reading, penalty, data.HasVideo);
        var score = calibration is null || !data.HasVideo ? uncalibrated : calibration.Apply(uncalibrated);
        return new LocalScoreBreakdown
        {
            Score = score,
            UncalibratedScore = uncalibrated,
            Calibration = calibration?.Name,
            PerceptualScore = Round(reading.Perceptual),
            EncodingPriorPenalty = Round(reading.EncodingPriorPenalty),
            DefectPenalty = Round(penalty),
            Brisque = Finite(inputs.Brisque),
            Niqe = Finite(inputs.Niqe),
            Blur = Finite(inputs.Blur),
            Blockiness = Finite(inputs.Blockiness),
            Noise = Finite(inputs.Noise),
            BitsPerPixel = Finite(inputs.BitsPerPixel),
            Codec = data.VideoCodec,
            CodedHeight = inputs.CodedHeight,
            FramesPerSecond = Math.Round(inputs.FramesPerSecond, 3),
            PerceptualFrames = inputs.PerceptualFrames,
            Detail = Finite(inputs.Detail),
            CoarseDetail = Finite(inputs.CoarseDetail),
            QuantizationParameter = Finite(inputs.Qp),
            LostEnergy = Finite(inputs.LostEnergy),
            Bands = inputs.Bands,
            Model = ScoreModel.VersionFor(inputs),
        };
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 4, MidpointRounding.AwayFromZero) : null;
}
