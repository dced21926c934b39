using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.LocalAnalysis.Scoring;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Tests.Scoring;

/// <summary>The score model (docs/local-analysis.md, "Score"): monotone in every measure by construction, the breakdown
/// adds up, defect spans are left out of the pooling, the encoding prior reads ffprobe's numbers.</summary>
public sealed class ScoreModelTests
{
    private static readonly ScoreInputs Typical = new()
    {
        Brisque = 30, Niqe = 5, Detail = 6, CoarseDetail = 8, Blur = 4, Blockiness = 1.1, Noise = 1, BitsPerPixel = 0.05, CodecFactor = 1,
        CodedHeight = 720, FramesPerSecond = 25, PerceptualFrames = 8, Qp = 22,
    };

    public static TheoryData<string> Worsenings => new() { "brisque", "niqe", "blur", "blockiness", "noise", "bits", "lines", "fps", "detail", "coarse", "lost", "qp" };

    /// <summary>A picture worse in every measure (soft, blocky, starved), so that the content covariate has deficits to scale.</summary>
    private static readonly ScoreInputs Degraded = Typical with { Blur = 9, Blockiness = 1.4, BitsPerPixel = 0.004 };

    [Theory]
    [MemberData(nameof(Worsenings))]
    public void Reading_never_rises_when_a_measure_gets_worse(string measure)
    {
        var previous = double.PositiveInfinity;
        for (var step = 0; step <= 20; step++)
        {
            var x = Worse(Typical, measure, step);
            var quality = ScoreModel.Read(x).Quality;
            Assert.True(quality <= previous + 1e-12, $"{measure} step {step}: {quality} > {previous}");
            previous = quality;
        }
    }

    [Theory]
    [MemberData(nameof(Worsenings))]
    public void Reading_of_a_degraded_picture_never_rises_when_a_measure_gets_worse(string measure)
    {
        var previous = double.PositiveInfinity;
        for (var step = 0; step <= 20; step++)
        {
            var quality = ScoreModel.Read(Worse(Degraded, measure, step)).Quality;
            Assert.True(quality <= previous + 1e-12, $"{measure} step {step}: {quality} > {previous}");
            previous = quality;
        }
    }

    [Fact]
    public void Content_detail_is_a_covariate_not_quality_by_itself()
    {
        // A clean picture (no softness beyond the reference, no blocks, ample bits): how much detail it has — fine and
        // coarse alike, so that it is no softer — does not move the reading.
        var clean = Typical with { Blur = 4, Blockiness = 1, BitsPerPixel = 4 };
        var readings = new[] { 0.3, 1, 3, 10, 30 }.Select(d => ScoreModel.Read(clean with { Detail = d, CoarseDetail = 2 * d }).Quality).ToList();
        Assert.All(readings, q => Assert.Equal(readings[0], q, 9));
    }

    [Fact]
    public void The_quantizer_counts_only_above_its_knee_and_a_missing_one_is_neutral()
    {
        // nss-prior-3 reads the slice-header QP (H.264/HEVC; cross-validated: docs/local-analysis.md, "Score").
        var knee = ScoreModelCoefficients.QpKnee;
        Assert.True(double.IsFinite(knee), "nss-prior-3 has a QP knee");
        Assert.True(ScoreModelCoefficients.Weights[ScoreModel.QpFeature] > 0);
        Assert.Equal(ScoreModel.Read(Typical with { Qp = knee - 10 }).Quality, ScoreModel.Read(Typical with { Qp = knee }).Quality, 9);
        Assert.True(ScoreModel.Read(Typical with { Qp = knee + 10 }).Quality < ScoreModel.Read(Typical with { Qp = knee }).Quality);
        // A missing QP is read by the no-QP variant (its own coefficients, the QP feature off), not as "no excess" by
        // the QP variant.
        var missing = Typical with { Qp = double.NaN };
        var byVariant = ScoreModel.Read(
            ScoreModel.Transform(missing, ModelShape.Committed with { QpKnee = double.PositiveInfinity }, ScoreModelCoefficients.NoQpNeutral),
            ScoreModelCoefficients.NoQpIntercept,
            ScoreModelCoefficients.NoQpWeights);
        Assert.Equal(byVariant.Quality, ScoreModel.Read(missing).Quality, 9);
        Assert.NotEqual(ScoreModel.Read(Typical with { Qp = knee }).Quality, ScoreModel.Read(missing).Quality, 3);
    }

    [Fact]
    public void Without_a_qp_the_no_qp_variant_reads_the_stream_and_its_bits_carry_the_encoding_signal()
    {
        var withQp = Typical with { Qp = 30 };
        var withoutQp = Typical with { Qp = double.NaN };
        Assert.True(ScoreModel.UsesQp(withQp));
        Assert.False(ScoreModel.UsesQp(withoutQp));
        Assert.Equal(ScoreModelCoefficients.Version, ScoreModel.VersionFor(withQp));
        Assert.Equal(ScoreModelCoefficients.NoQpVersion, ScoreModel.VersionFor(withoutQp));
        Assert.StartsWith("nss-prior-3 (", ScoreModelCoefficients.Version, StringComparison.Ordinal);
        Assert.StartsWith("nss-prior-3/no-qp (", ScoreModelCoefficients.NoQpVersion, StringComparison.Ordinal);

        // The variant's coefficients: the same features, no QP weight, non-negative, and some weight on the bits hinges.
        Assert.Equal(ScoreModel.FeatureCount, ScoreModelCoefficients.NoQpWeights.Length);
        Assert.Equal(ScoreModel.FeatureCount, ScoreModelCoefficients.NoQpNeutral.Length);
        Assert.All(ScoreModelCoefficients.NoQpWeights, w => Assert.True(w >= 0));
        Assert.Equal(0, ScoreModelCoefficients.NoQpWeights[ScoreModel.QpFeature]);
        Assert.True(ScoreModelCoefficients.NoQpWeights[ScoreModel.BitsFeature] + ScoreModelCoefficients.NoQpWeights[ScoreModel.StarvedBitsFeature] > 0);

        // A starved stream without a QP reads worse than a well-fed one (the QP variant alone would not see it).
        var starved = ScoreModel.Read(withoutQp with { BitsPerPixel = 0.002 });
        var fed = ScoreModel.Read(withoutQp with { BitsPerPixel = 0.2 });
        Assert.True(starved.EncodingPriorPenalty > fed.EncodingPriorPenalty, $"{starved} against {fed}");
        Assert.True(starved.Quality < fed.Quality);
        // Monotone in the bits: never better with fewer.
        var qualities = new[] { 0.0005, 0.002, 0.01, 0.05, 0.2 }.Select(b => ScoreModel.Read(withoutQp with { BitsPerPixel = b }).Quality).ToList();
        Assert.Equal(qualities.Order(), qualities);
    }

    [Fact]
    public void Committed_weights_are_non_negative_and_cover_every_feature()
    {
        Assert.Equal(ScoreModel.FeatureCount, ScoreModelCoefficients.Weights.Length);
        Assert.Equal(ScoreModel.FeatureCount, ScoreModelCoefficients.Neutral.Length);
        Assert.Equal(ScoreModel.FeatureCount, ScoreModel.FeatureNames.Length);
        Assert.All(ScoreModelCoefficients.Weights, w => Assert.True(w >= 0));
        // Softness (fine detail read as sharpness) only with the coarse bits covariate (else fine detail would count both ways).
        Assert.True(ScoreModelCoefficients.SoftnessForm == (int)SoftnessForm.None || ScoreModelCoefficients.CoarseCovariate);
    }

    [Fact]
    public void Perceptual_minus_prior_is_the_quality_and_both_stay_within_0_and_10()
    {
        foreach (var bits in new[] { 0.0005, 0.005, 0.05, 0.5 })
        {
            var reading = ScoreModel.Read(Typical with { BitsPerPixel = bits, Brisque = 80 });
            Assert.InRange(reading.Perceptual, 0, 10);
            Assert.InRange(reading.EncodingPriorPenalty, 0, reading.Perceptual);
            Assert.InRange(reading.Quality, 0, 10);
        }
    }

    [Fact]
    public void Missing_measures_take_the_neutral_value_instead_of_breaking_the_score()
    {
        var reading = ScoreModel.Read(new ScoreInputs { CodedHeight = 720, FramesPerSecond = 25 });
        Assert.True(double.IsFinite(reading.Quality));
    }

    [Fact]
    public void Final_score_subtracts_the_defect_penalty_and_no_video_is_0()
    {
        var reading = new ModelReading(8, 1);
        Assert.Equal(4.0, QualityScore.Final(reading, 3, hasVideo: true));
        Assert.Equal(0.0, QualityScore.Final(reading, 9, hasVideo: true));
        Assert.Equal(0.0, QualityScore.Final(reading, 0, hasVideo: false));
    }

    [Fact]
    public void Defect_spans_are_left_out_of_the_perceptual_pooling()
    {
        // Frames 0–9 s, one sample a second; a solid-colour span at 4–6 s carries absurd values that must not count.
        var gray = Enumerable.Range(0, 10).Select(t => new GrayFrameMetrics
        {
            Time = t, NoiseSigma = 1, Blockiness = 1,
            Perceptual = new PerceptualSample(t, t is >= 4 and < 6 ? 100 : 20, t is >= 4 and < 6 ? 40 : 4, 6),
        }).ToList();
        var data = new AnalysisData { DurationSeconds = 10, HasVideo = true, Gray = gray, SourceWidth = 1280, SourceHeight = 720 };
        var inputs = ScorePooling.Pool(data, [new Finding(QualityIssueType.SolidColorScreen, 4, 6, 95)]);
        Assert.Equal(20, inputs.Brisque);
        Assert.Equal(4, inputs.Niqe);
        Assert.Equal(8, inputs.PerceptualFrames);
    }

    [Fact]
    public void Frame_quantizers_are_averaged_outside_defect_spans_and_missing_without_any()
    {
        // QP 30 on I frames and 34 elsewhere, a black span at 4–6 s whose frames (QP 51) must not count.
        var quantizers = Enumerable.Range(0, 40).Select(i => (Time: i * 0.25, Qp: i * 0.25 is >= 4 and < 6 ? 51.0 : i % 8 == 0 ? 30.0 : 34.0)).ToList();
        var data = new AnalysisData { DurationSeconds = 10, HasVideo = true, Quantizers = quantizers, BlackSpans = [new TimeSpanSeconds(4, 6)] };
        var clean = quantizers.Where(q => q.Time is < 4 or >= 6).Select(q => q.Qp).ToList();
        Assert.Equal(clean.Average(), ScorePooling.Pool(data, []).Qp, 9);
        Assert.True(double.IsNaN(ScorePooling.Pool(new AnalysisData { DurationSeconds = 10, HasVideo = true }, []).Qp));
    }

    [Fact]
    public void Interquartile_mean_ignores_a_few_odd_frames()
    {
        Assert.Equal(20, ScorePooling.InterquartileMean([20, 20, 20, 20, 20, 20, 95, 0]));
        Assert.Equal(2, ScorePooling.InterquartileMean([1, 3]));
        Assert.True(double.IsNaN(ScorePooling.InterquartileMean([double.NaN])));
    }

    [Fact]
    public void Bits_per_pixel_is_bit_rate_over_pixels_per_second()
    {
        Assert.Equal(0.1, EncodingPrior.BitsPerPixel(2_304_000, 1280, 720, 25), 6);
        Assert.True(double.IsNaN(EncodingPrior.BitsPerPixel(0, 1280, 720, 25)));
        Assert.True(EncodingPrior.CodecFactor("hevc") > EncodingPrior.CodecFactor("h264"));
        Assert.True(EncodingPrior.CodecFactor("mpeg4") < EncodingPrior.CodecFactor("h264"));
    }

    [Fact]
    public void Video_bit_rate_is_the_streams_own_else_the_files_minus_the_audio()
    {
        var own = MediaProbe.FromOutput(Output("865090", "1001988", "127936"), "a.mp4");
        Assert.Equal(865090, own.VideoBitRate);
        var fromFile = MediaProbe.FromOutput(Output("N/A", "1000000", "128000"), "a.mkv");
        Assert.Equal(872000, fromFile.VideoBitRate);
        var unknown = MediaProbe.FromOutput(Output(null, null, null), "a.mkv");
        Assert.Equal(0, unknown.VideoBitRate);
    }

    private static FfprobeOutput Output(string? video, string? file, string? audio) => new()
    {
        Streams =
        [
            new FfprobeStream { CodecType = "video", CodecName = "h264", Width = 640, Height = 480, AverageFrameRate = "25/1", BitRate = video },
            new FfprobeStream { CodecType = "audio", CodecName = "aac", BitRate = audio },
        ],
        Format = new FfprobeFormat { Duration = "10", BitRate = file },
    };

    private static ScoreInputs Worse(ScoreInputs x, string measure, int step) => measure switch
    {
        "brisque" => x with { Brisque = 5 * step },
        "niqe" => x with { Niqe = 2 + step },
        "blur" => x with { Blur = 2 + step },
        "blockiness" => x with { Blockiness = 0.8 + (0.2 * step) },
        "noise" => x with { Noise = 2 * step },
        "bits" => x with { BitsPerPixel = 1.0 / Math.Pow(2, step) },
        "lines" => x with { CodedHeight = 2160 - (100 * step) },
        "fps" => x with { FramesPerSecond = 60 - (2.5 * step) },
        // Fine detail is read one way only: as needing more bits when it is the bits covariate, else as sharpness
        // (the softness feature, read against the coarse detail) — the fit never uses it both ways.
        "detail" => x with { Detail = ScoreModelCoefficients.CoarseCovariate ? 12 / Math.Pow(2, step / 3.0) : 0.25 * Math.Pow(2, step / 3.0) },
        "coarse" => x with { CoarseDetail = 0.25 * Math.Pow(2, step / 3.0) },
        "qp" => x with { Qp = 10 + (2 * step) },
        "lost" => x with { LostEnergy = step == 0 ? 0 : Math.Pow(2, step - 4) },
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };
}
