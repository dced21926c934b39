using System.Diagnostics;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.LocalAnalysis.Scoring;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Estimates the quality of a local video file with ffmpeg (spawned as a process, one decode pass) and returns the
/// service's own result shape, marked <see cref="QualityEstimateSource.LocalAnalysis"/>. The score is a documented
/// heuristic that approximates, and does not reproduce, Tencent's learned model (see <c>docs/local-analysis.md</c>).
/// Thread-safe: one instance can analyse several files at once.
/// </summary>
public sealed class LocalVideoAnalyzer
{
    private readonly LocalAnalysisOptions _options;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">Thresholds and the ffmpeg location; defaults when <c>null</c>.</param>
    public LocalVideoAnalyzer(LocalAnalysisOptions? options = null)
    {
        _options = options ?? new LocalAnalysisOptions();
    }

    /// <summary>
    /// Checks, once per process and ffmpeg location, that ffmpeg and ffprobe 5.1 or newer with the needed filters are
    /// installed. Never throws for a missing or unsuitable ffmpeg: returns <c>false</c>.
    /// </summary>
    /// <param name="options">Where ffmpeg is; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><c>true</c> when <see cref="AnalyzeAsync"/> can run.</returns>
    public static async Task<bool> IsFfmpegAvailableAsync(LocalAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await FfmpegToolsLocator.GetAsync(options ?? new LocalAnalysisOptions(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FfmpegNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Analyzes the file at <paramref name="path"/>.</summary>
    /// <param name="path">A local video file.</param>
    /// <param name="cancellationToken">Cancels the analysis (kills ffmpeg).</param>
    /// <returns>The result: a <see cref="QualityEstimate"/> with vqaPlus findings, plus notes.</returns>
    /// <exception cref="FfmpegNotFoundException">ffmpeg/ffprobe is missing or too old.</exception>
    /// <exception cref="MediaUnreadableException">The file does not exist or is not a readable video/audio file (or its
    /// picture is smaller than 16 pixels in either dimension).</exception>
    /// <exception cref="LocalAnalysisException">The analysis of this file failed otherwise; the inner exception says why.</exception>
    public async Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stopwatch = Stopwatch.StartNew();
        var thresholds = _options.Thresholds ?? new LocalAnalysisThresholds();
        var tools = await FfmpegToolsLocator.GetAsync(_options, cancellationToken).ConfigureAwait(false);

        var fullPath = Path.GetFullPath(path);
        var displayName = Path.GetFileName(fullPath);
        if (!File.Exists(fullPath))
        {
            const string reason = "no such file";
            throw new MediaUnreadableException($"'{path}' is not a readable video: {reason}") { FfmpegReason = reason };
        }

        // "file:" keeps a name with a colon from being read as a protocol.
        var inputUrl = "file:" + fullPath;
        try
        {
            return await AnalyzeFileAsync(tools, thresholds, inputUrl, displayName, stopwatch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not LocalAnalysisException and not OutOfMemoryException)
        {
            // A detector or the frame worker failed on this file (a bug or a picture it cannot handle): a typed error
            // naming the file, so a caller analysing many files goes on with the others.
            throw new LocalAnalysisException($"'{displayName}' could not be analysed: {e.GetType().Name}: {e.Message}", e);
        }
    }

    private static async Task<LocalAnalysisResult> AnalyzeFileAsync(
        FfmpegTools tools, LocalAnalysisThresholds thresholds, string inputUrl, string displayName, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var probe = await MediaProbe.RunAsync(tools, inputUrl, displayName, cancellationToken).ConfigureAwait(false);
        var data = await AnalysisRun.RunAsync(tools, probe, inputUrl, displayName, thresholds, cancellationToken).ConfigureAwait(false);

        var findings = DetectorSet.All.SelectMany(d => d.Detect(data, thresholds)).ToList();
        var score = QualityScore.Compute(findings, data.DurationSeconds, data.HasVideo);
        if (score < thresholds.LowEvaluationScore)
        {
            var confidence = (int)Math.Round(50 + (50 * Math.Clamp((thresholds.LowEvaluationScore - score) / thresholds.LowEvaluationScore, 0, 1)));
            findings.Add(new Finding(QualityIssueType.LowEvaluation, 0, data.DurationSeconds, confidence));
        }

        var notes = new List<string>();
        if (probe.HasVideo && !tools.HasVidstab)
        {
            notes.Add("Jitter not checked: this ffmpeg has no vidstabdetect filter (it was built without libvidstab).");
        }

        // Blockiness is measured only on gray frames at the source's own width (AnalysisRun): say so exactly then.
        if (probe.HasVideo && data.GrayWidth != probe.Width)
        {
            notes.Add("Compression blockiness not checked: the picture is wider than the gray frames (pixelation still is).");
        }

        notes.AddRange(DetectorSet.All.SelectMany(d => d.Notes(data, thresholds)));
        stopwatch.Stop();
        return new LocalAnalysisResult
        {
            QualityEstimate = ResultBuilder.Build(score, findings, probe.HasVideo, probe.HasAudio),
            DurationSeconds = data.DurationSeconds,
            AnalysisTime = stopwatch.Elapsed,
            Notes = notes,
        };
    }
}
