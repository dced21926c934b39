using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// A monotone map from the local score to the service's scale, fitted by <c>cosqe calibrate</c> on videos scored by
/// both (isotonic regression, stored as knots and interpolated linearly between them; flat outside). Applied by
/// <see cref="LocalAnalysisOptions.Calibration"/>; the result's source stays <c>local-analysis</c> and
/// <see cref="LocalScoreBreakdown.Calibration"/> names it.
/// </summary>
public sealed class LocalScoreCalibration
{
    private readonly double[] _local;
    private readonly double[] _service;

    /// <summary>Creates a calibration from its knots.</summary>
    /// <param name="name">A name for the calibration (shown with every calibrated result).</param>
    /// <param name="localScores">The knots' local scores, strictly increasing, within 0–10.</param>
    /// <param name="serviceScores">The service's score at each knot, non-decreasing, within 0–10.</param>
    /// <exception cref="ArgumentException">The knots are empty, of different lengths, out of 0–10, or not monotone.</exception>
    public LocalScoreCalibration(string name, IReadOnlyList<double> localScores, IReadOnlyList<double> serviceScores)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(localScores);
        ArgumentNullException.ThrowIfNull(serviceScores);
        if (localScores.Count == 0 || localScores.Count != serviceScores.Count)
        {
            throw new ArgumentException("A calibration needs at least one knot and as many service scores as local scores.", nameof(serviceScores));
        }

        for (var i = 0; i < localScores.Count; i++)
        {
            if (localScores[i] is not (>= 0 and <= 10) || serviceScores[i] is not (>= 0 and <= 10))
            {
                throw new ArgumentException($"Calibration knot {i} is outside 0–10.", nameof(localScores));
            }

            if (i > 0 && (localScores[i] <= localScores[i - 1] || serviceScores[i] < serviceScores[i - 1]))
            {
                throw new ArgumentException($"Calibration knot {i} breaks the order: local scores must increase and service scores must not decrease.", nameof(localScores));
            }
        }

        Name = name;
        _local = [.. localScores];
        _service = [.. serviceScores];
    }

    /// <summary>The calibration's name.</summary>
    public string Name { get; }

    /// <summary>The knots' local scores (increasing).</summary>
    public IReadOnlyList<double> LocalScores => _local;

    /// <summary>The service's score at each knot (non-decreasing).</summary>
    public IReadOnlyList<double> ServiceScores => _service;

    /// <summary>The calibrated score of a local score, rounded to one decimal.</summary>
    /// <param name="localScore">A local score, 0–10.</param>
    /// <returns>The service-scale score, 0–10.</returns>
    public double Apply(double localScore)
    {
        double value;
        if (localScore <= _local[0])
        {
            value = _service[0];
        }
        else if (localScore >= _local[^1])
        {
            value = _service[^1];
        }
        else
        {
            var i = 1;
            while (_local[i] < localScore)
            {
                i++;
            }

            var t = (localScore - _local[i - 1]) / (_local[i] - _local[i - 1]);
            value = _service[i - 1] + (t * (_service[i] - _service[i - 1]));
        }

        return Math.Round(Math.Clamp(value, 0, 10), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Fits the calibration to videos scored both locally and by the service: isotonic regression (pool adjacent
    /// violators) of the service's score on the local score — the best non-decreasing map in least squares — kept as
    /// one knot per pooled block (at the block's mean local score).
    /// </summary>
    /// <param name="name">The calibration's name.</param>
    /// <param name="localScores">Each video's local score (uncalibrated), 0–10.</param>
    /// <param name="serviceScores">The same videos' service scores, 0–10, in the same order.</param>
    /// <returns>The fitted calibration.</returns>
    /// <exception cref="ArgumentException">No pairs, lists of different lengths, or a score outside 0–10.</exception>
    public static LocalScoreCalibration Fit(string name, IReadOnlyList<double> localScores, IReadOnlyList<double> serviceScores)
    {
        ArgumentNullException.ThrowIfNull(localScores);
        ArgumentNullException.ThrowIfNull(serviceScores);
        if (localScores.Count == 0 || localScores.Count != serviceScores.Count)
        {
            throw new ArgumentException("Fitting a calibration needs at least one video and as many service scores as local scores.", nameof(serviceScores));
        }

        if (localScores.Concat(serviceScores).Any(v => v is not (>= 0 and <= 10)))
        {
            throw new ArgumentException("Scores must be within 0–10.", nameof(localScores));
        }

        // Blocks of (sum x, sum y, count), first one per distinct local score, then pooled while they break the order.
        var blocks = new List<(double X, double Y, int N)>();
        foreach (var group in localScores.Zip(serviceScores).GroupBy(p => p.First).OrderBy(g => g.Key))
        {
            blocks.Add((group.Sum(p => p.First), group.Sum(p => p.Second), group.Count()));
            while (blocks.Count > 1 && blocks[^1].Y / blocks[^1].N < blocks[^2].Y / blocks[^2].N)
            {
                var (x, y, n) = blocks[^1];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (blocks[^1].X + x, blocks[^1].Y + y, blocks[^1].N + n);
            }
        }

        return new LocalScoreCalibration(name, blocks.Select(b => b.X / b.N).ToArray(), blocks.Select(b => b.Y / b.N).ToArray());
    }

    /// <summary>Reads a calibration written by <see cref="ToJson"/> (<c>cosqe calibrate --out cal.json</c>).</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="FormatException">The text is not a calibration.</exception>
    public static LocalScoreCalibration Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CalibrationFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, CalibrationJsonContext.Default.CalibrationFile);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a score calibration: {e.Message}", e);
        }

        if (file is null || file.Kind != CalibrationFile.KindName || file.Name is null || file.Local is null || file.Service is null)
        {
            throw new FormatException($"Not a score calibration (expected \"kind\": \"{CalibrationFile.KindName}\" with name, local and service).");
        }

        try
        {
            return new LocalScoreCalibration(file.Name, file.Local, file.Service);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Not a valid score calibration: " + e.Message, e);
        }
    }

    /// <summary>The calibration as JSON (what <see cref="Parse"/> reads).</summary>
    /// <returns>Indented JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(
        new CalibrationFile { Kind = CalibrationFile.KindName, Name = Name, Local = _local, Service = _service },
        CalibrationJsonContext.Default.CalibrationFile);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({_local.Length} knots)");
}

/// <summary>The JSON form of a <see cref="LocalScoreCalibration"/>.</summary>
internal sealed class CalibrationFile
{
    public const string KindName = "cosqe-score-calibration/1";

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("local")]
    public double[]? Local { get; set; }

    [JsonPropertyName("service")]
    public double[]? Service { get; set; }
}

/// <summary>Source-generated (Native AOT safe) JSON metadata for <see cref="CalibrationFile"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(CalibrationFile))]
internal sealed partial class CalibrationJsonContext : JsonSerializerContext
{
}
