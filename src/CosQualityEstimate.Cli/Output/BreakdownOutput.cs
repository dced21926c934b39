using System.Globalization;
using System.Text.Json;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Output;

/// <summary>How <c>cosqe analyze</c> shows why a video got its local score (<see cref="LocalScoreBreakdown"/>): one text
/// line and a <c>"breakdown"</c> JSON object. The one formatter of the breakdown in the CLI.</summary>
internal static class BreakdownOutput
{
    /// <summary>e.g. <c>why: pictures 7.9 − encoding 0.4 − defects 0.0 = 7.5 (BRISQUE 23.1, NIQE 4.20, lost energy 3.1 (≈ 43.2 dB), 0.082 bit/px h264, QP 27.4, 720 lines, 25 fps)</c>
    /// (QP only when the slice quantizer was read: H.264, HEVC).</summary>
    public static string Text(LocalScoreBreakdown b)
    {
        var measured = new List<string>();
        if (b.Brisque is { } brisque)
        {
            measured.Add(F($"BRISQUE {brisque:0.0}"));
        }

        if (b.Niqe is { } niqe)
        {
            measured.Add(F($"NIQE {niqe:0.00}"));
        }

        if (b.LostEnergy is { } lost)
        {
            measured.Add(F($"lost energy {lost:0.0} (≈ {10 * Math.Log10(255.0 * 255 / Math.Max(lost, 0.01)):0.0} dB)"));
        }

        measured.Add(b.BitsPerPixel is { } bpp ? F($"{bpp:0.000} bit/px {b.Codec}") : $"bit rate unknown ({b.Codec})");
        if (b.QuantizationParameter is { } qp)
        {
            measured.Add(F($"QP {qp:0.0}"));
        }

        measured.Add(F($"{b.CodedHeight} lines"));
        if (b.FramesPerSecond > 0)
        {
            measured.Add(F($"{b.FramesPerSecond:0.##} fps"));
        }

        var calibrated = b.Calibration is null ? "" : F($", calibrated by {b.Calibration}: {b.UncalibratedScore:0.0} → {b.Score:0.0}");
        return F($"why: pictures {b.PerceptualScore:0.0} − encoding {b.EncodingPriorPenalty:0.0} − defects {b.DefectPenalty:0.0} = {b.UncalibratedScore:0.0} ({string.Join(", ", measured)}{calibrated})");
    }

    /// <summary>Writes <c>"breakdown": {…}</c> into the current object.</summary>
    public static void WriteJson(Utf8JsonWriter w, LocalScoreBreakdown b)
    {
        w.WriteStartObject("breakdown");
        w.WriteNumber("score", b.Score);
        w.WriteNumber("perceptualScore", b.PerceptualScore);
        w.WriteNumber("encodingPriorPenalty", b.EncodingPriorPenalty);
        w.WriteNumber("defectPenalty", b.DefectPenalty);
        w.WriteNumber("uncalibratedScore", b.UncalibratedScore);
        Nullable(w, "calibration", b.Calibration);
        Nullable(w, "brisque", b.Brisque);
        Nullable(w, "niqe", b.Niqe);
        Nullable(w, "blur", b.Blur);
        Nullable(w, "blockiness", b.Blockiness);
        Nullable(w, "noise", b.Noise);
        Nullable(w, "detail", b.Detail);
        Nullable(w, "coarseDetail", b.CoarseDetail);
        Nullable(w, "lostEnergy", b.LostEnergy);
        Nullable(w, "bitsPerPixel", b.BitsPerPixel);
        Nullable(w, "quantizationParameter", b.QuantizationParameter);
        Nullable(w, "codec", b.Codec);
        w.WriteNumber("codedHeight", b.CodedHeight);
        w.WriteNumber("framesPerSecond", b.FramesPerSecond);
        w.WriteNumber("perceptualFrames", b.PerceptualFrames);
        w.WriteString("model", b.Model);
        w.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
