using System.Buffers;
using System.Text;
using System.Text.Json;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The journal's own format of a local score's breakdown (<see cref="LocalScoreBreakdown"/>), kept by
/// <see cref="JournalMedia.PutBreakdown"/> in the <c>media</c> table's <c>breakdown</c> column: one JSON object,
/// <c>{"format":1,"score","perceptualScore","encodingPriorPenalty","defectPenalty","uncalibratedScore","calibration",
/// "brisque","niqe","blur","blockiness","noise","detail","coarseDetail","lostEnergy","bitsPerPixel","quantizationParameter","codec",
/// "codedHeight","framesPerSecond","perceptualFrames","model"}</c> (unknown values null; a record written before
/// <c>coarseDetail</c> and <c>quantizationParameter</c> existed reads them as unknown). Independent of <c>analyze -o json</c>, like
/// <see cref="JournalFindings"/>: changing the output never breaks a journal. A damaged record reads as none.
/// </summary>
internal static class JournalBreakdown
{
    /// <summary>The format this build writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The record of <paramref name="b"/>.</summary>
    public static string Write(LocalScoreBreakdown b)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("format", CurrentFormat);
            Number(w, "score", b.Score);
            Number(w, "perceptualScore", b.PerceptualScore);
            Number(w, "encodingPriorPenalty", b.EncodingPriorPenalty);
            Number(w, "defectPenalty", b.DefectPenalty);
            Number(w, "uncalibratedScore", b.UncalibratedScore);
            Text(w, "calibration", b.Calibration);
            Number(w, "brisque", b.Brisque);
            Number(w, "niqe", b.Niqe);
            Number(w, "blur", b.Blur);
            Number(w, "blockiness", b.Blockiness);
            Number(w, "noise", b.Noise);
            Number(w, "detail", b.Detail);
            Number(w, "coarseDetail", b.CoarseDetail);
            Number(w, "lostEnergy", b.LostEnergy);
            Number(w, "bitsPerPixel", b.BitsPerPixel);
            Number(w, "quantizationParameter", b.QuantizationParameter);
            Text(w, "codec", b.Codec);
            w.WriteNumber("codedHeight", b.CodedHeight);
            Number(w, "framesPerSecond", b.FramesPerSecond);
            w.WriteNumber("perceptualFrames", b.PerceptualFrames);
            w.WriteString("model", b.Model);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a record; <see langword="null"/> for none or a damaged one.</summary>
    public static LocalScoreBreakdown? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var r = document.RootElement;
            if (r.ValueKind != JsonValueKind.Object || Get(r, "perceptualScore") is not { } perceptual)
            {
                return null;
            }

            return new LocalScoreBreakdown
            {
                Score = Get(r, "score") ?? 0,
                PerceptualScore = perceptual,
                EncodingPriorPenalty = Get(r, "encodingPriorPenalty") ?? 0,
                DefectPenalty = Get(r, "defectPenalty") ?? 0,
                UncalibratedScore = Get(r, "uncalibratedScore") ?? Get(r, "score") ?? 0,
                Calibration = GetText(r, "calibration"),
                Brisque = Get(r, "brisque"),
                Niqe = Get(r, "niqe"),
                Blur = Get(r, "blur"),
                Blockiness = Get(r, "blockiness"),
                Noise = Get(r, "noise"),
                Detail = Get(r, "detail"),
                CoarseDetail = Get(r, "coarseDetail"),
                LostEnergy = Get(r, "lostEnergy"),
                BitsPerPixel = Get(r, "bitsPerPixel"),
                QuantizationParameter = Get(r, "quantizationParameter"),
                Codec = GetText(r, "codec"),
                CodedHeight = (int)(Get(r, "codedHeight") ?? 0),
                FramesPerSecond = Get(r, "framesPerSecond") ?? 0,
                PerceptualFrames = (int)(Get(r, "perceptualFrames") ?? 0),
                Model = GetText(r, "model") ?? string.Empty,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
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

    private static void Text(Utf8JsonWriter w, string name, string? value)
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

    private static double? Get(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? GetText(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
