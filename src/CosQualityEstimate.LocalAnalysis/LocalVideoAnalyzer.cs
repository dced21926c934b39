using System.Diagnostics;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.LocalAnalysis.Scoring;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Estimates the quality of a local video file with ffmpeg (spawned as a process, one decode pass) and returns the
/// service's own result shape, marked <see cref="QualityEstimateSource.LocalAnalysis"/>. The score is a documented
/// heuristic that approximates, and does not reproduce, Tencent's learned model (see <c>docs/local-analysis.md</c>).
/// Thread-safe: one instance can analyse several files at once.
/// </summary>
/// <remarks>
/// The options are validated and copied when the analyzer is created: changing them afterwards has no effect. Each
/// analysis is one <see cref="Activity"/> (<c>LocalVideoAnalyzer.Analyze</c> on the source
/// <see cref="ActivitySourceName"/>) and, with a logger factory, one log line (category
/// <c>CosQualityEstimate.LocalAnalysis.LocalVideoAnalyzer</c>). Every failure is a <see cref="LocalAnalysisException"/>
/// whose <see cref="LocalAnalysisException.Failure"/> says what kind it is. To stand in for the analyzer in tests,
/// derive from it (the protected constructor runs no check) and override <see cref="AnalyzeAsync"/>.
/// </remarks>
public partial class LocalVideoAnalyzer
{
    /// <summary>The name of the <see cref="ActivitySource"/> of the analyses (for OpenTelemetry's <c>AddSource</c>).</summary>
    public const string ActivitySourceName = "CosQualityEstimate.LocalAnalysis";

    private readonly LocalAnalysisOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">Thresholds and the ffmpeg location; defaults when <c>null</c>. Validated and copied.</param>
    /// <param name="loggerFactory">Where the analyzer logs; nothing is logged when <c>null</c>.</param>
    /// <exception cref="ArgumentException">An option is out of its range (the message names every such option and its rule).</exception>
    public LocalVideoAnalyzer(LocalAnalysisOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new LocalAnalysisOptions();
        LocalAnalysisOptionsValidator.ThrowIfInvalid(options);
        _options = Copy(options);
        _logger = (ILogger?)loggerFactory?.CreateLogger<LocalVideoAnalyzer>() ?? NullLogger.Instance;
    }

    /// <summary>For mocking: an analyzer with the default options whose <see cref="AnalyzeAsync"/> a derived class overrides.</summary>
    protected LocalVideoAnalyzer()
    {
        _options = new LocalAnalysisOptions();
        _logger = NullLogger.Instance;
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
    /// <exception cref="FfmpegNotFoundException">ffmpeg/ffprobe is missing or too old (<see cref="LocalAnalysisFailure.FfmpegUnavailable"/>).</exception>
    /// <exception cref="MediaUnreadableException">The file does not exist or is not a readable video/audio file (or its
    /// picture is smaller than 16 pixels in either dimension): <see cref="LocalAnalysisFailure.MediaUnreadable"/>, permanent.</exception>
    /// <exception cref="MediaAccessException">The file could not be read (permissions, a directory, an I/O error):
    /// <see cref="LocalAnalysisFailure.MediaAccess"/>, retryable.</exception>
    /// <exception cref="LocalAnalysisException">The analysis failed unexpectedly (ffmpeg crashed, a bug):
    /// <see cref="LocalAnalysisFailure.AnalyzerFailure"/>, retryable; the inner exception says why.</exception>
    public virtual async Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stopwatch = Stopwatch.StartNew();
        var fullPath = Path.GetFullPath(path);
        var displayName = Path.GetFileName(fullPath);
        using var activity = LocalAnalysisDiagnostics.StartAnalyze(displayName);
        try
        {
            var result = await AnalyzePathAsync(path, fullPath, displayName, stopwatch, cancellationToken).ConfigureAwait(false);
            var findings = result.QualityEstimate.VqaPlus?.DetailedResults.Sum(r => r.Items.Count) ?? 0;
            activity?.SetTag(LocalAnalysisDiagnostics.DurationTag, result.DurationSeconds);
            activity?.SetTag(LocalAnalysisDiagnostics.ElapsedTag, result.AnalysisTime.TotalSeconds);
            activity?.SetTag(LocalAnalysisDiagnostics.FindingsTag, findings);
            activity?.SetTag(LocalAnalysisDiagnostics.ScoreTag, result.QualityEstimate.Score);
            LogAnalysed(_logger, displayName, result.DurationSeconds, result.AnalysisTime.TotalSeconds, result.QualityEstimate.Score ?? 0, findings);
            return result;
        }
        catch (Exception e) when (Failed(activity, e, stopwatch.Elapsed, displayName))
        {
            throw; // never reached: the filter only records the failure
        }
    }

    private bool Failed(Activity? activity, Exception exception, TimeSpan elapsed, string displayName)
    {
        LocalAnalysisDiagnostics.Fail(activity, exception, elapsed);
        if (exception is LocalAnalysisException failure)
        {
            LogFailed(_logger, displayName, failure.Failure, failure.IsRetryable, failure.Message);
        }

        return false;
    }

    private async Task<LocalAnalysisResult> AnalyzePathAsync(string path, string fullPath, string displayName, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        // Speed (docs/performance.md): on first use the tools' check and the file's probe run side by side (each is a
        // process start); a problem with the tools is still the one reported, before anything about the file.
        var toolsCheck = FfmpegToolsLocator.GetAsync(_options, cancellationToken);

        // "file:" keeps a name with a colon from being read as a protocol.
        var inputUrl = "file:" + fullPath;
        Task<MediaProbe>? earlyProbe = null;
        using var earlyProbeCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            InputFileCheck.ThrowIfUnreadable(path, fullPath);
            if (!toolsCheck.IsCompleted)
            {
                earlyProbe = MediaProbe.RunAsync(FfmpegToolsLocator.Resolve(_options).Ffprobe, inputUrl, displayName, earlyProbeCancel.Token);
            }
        }
        catch
        {
            await toolsCheck.ConfigureAwait(false); // a tools failure comes first
            throw;
        }

        FfmpegTools tools;
        try
        {
            tools = await toolsCheck.ConfigureAwait(false);
        }
        catch
        {
            if (earlyProbe is not null)
            {
                // Not needed any more: stopped (its process killed), awaited so it is never left running or unobserved.
                await earlyProbeCancel.CancelAsync().ConfigureAwait(false);
                await ((Task)earlyProbe).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            throw;
        }

        LogStarting(_logger, displayName, tools.FfmpegPath);
        try
        {
            var probe = await (earlyProbe ?? MediaProbe.RunAsync(tools.FfprobePath, inputUrl, displayName, cancellationToken)).ConfigureAwait(false);
            return await AnalyzeFileAsync(tools, probe, _options, inputUrl, displayName, stopwatch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not LocalAnalysisException and not OutOfMemoryException)
        {
            // A detector or the frame worker failed on this file (a bug or a picture it cannot handle): a typed error
            // naming the file, so a caller analysing many files goes on with the others.
            throw new LocalAnalysisException($"'{displayName}' could not be analysed: {e.GetType().Name}: {e.Message}", e);
        }
    }

    private static async Task<LocalAnalysisResult> AnalyzeFileAsync(
        FfmpegTools tools, MediaProbe probe, LocalAnalysisOptions options, string inputUrl, string displayName, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var thresholds = options.Thresholds;
        var data = await AnalysisRun.RunAsync(tools, probe, inputUrl, displayName, thresholds, cancellationToken).ConfigureAwait(false);

        var findings = DetectorSet.All.SelectMany(d => d.Detect(data, thresholds)).ToList();
        var breakdown = ScoreBreakdownBuilder.Build(data, findings, thresholds, options.Calibration);
        var score = breakdown.Score;
        if (score < thresholds.LowEvaluationScore)
        {
            findings.Add(new Finding(QualityIssueType.LowEvaluation, 0, data.DurationSeconds, QualityScore.LowEvaluationConfidence(score, thresholds)));
        }

        var notes = new List<string>();
        if (probe.HasVideo && !tools.HasVidstab)
        {
            notes.Add("Jitter not checked: this ffmpeg has no vidstabdetect filter (it was built without libvidstab).");
        }

        if (data.SliceHeaderTraceRefused)
        {
            notes.Add("Quantizer not read: ffmpeg's trace_headers filter refused this stream's parameter sets, so the file was analysed again without it and scored by the model variant without QP.");
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
            Breakdown = breakdown,
            DurationSeconds = data.DurationSeconds,
            AnalysisTime = stopwatch.Elapsed,
            Notes = notes,
        };
    }

    private static LocalAnalysisOptions Copy(LocalAnalysisOptions options) => new()
    {
        FfmpegPath = options.FfmpegPath,
        SearchPath = options.SearchPath,
        Calibration = options.Calibration,
        Thresholds = options.Thresholds.Clone(),
    };
}
