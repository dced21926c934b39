using CosQualityEstimate.Emulator.Objects;
using CosQualityEstimate.LocalAnalysis;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Emulator.Analysis;

/// <summary>
/// Analyses stored objects with the local analyzer (ffmpeg), at most <see cref="MaxConcurrency"/> at a time, and caches
/// the outcome per ETag: the same content gets the same result under any key and is analysed once. The first
/// <see cref="FfmpegNotFoundException"/> switches analysis off for the emulator's lifetime (every later job is
/// simulated, without trying again). Never throws to its caller: every failure is an <see cref="AnalysisOutcome"/>.
/// </summary>
internal sealed partial class StoredObjectAnalyzer : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<AnalysisOutcome>> _byETag = new(StringComparer.Ordinal);
    private readonly LocalVideoAnalyzer _analyzer;
    private readonly SemaphoreSlim _slots = new(MaxConcurrency, MaxConcurrency);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private volatile bool _ffmpegMissing;

    internal StoredObjectAnalyzer(LocalVideoAnalyzer analyzer, ILogger logger)
    {
        _analyzer = analyzer;
        _logger = logger;
    }

    /// <summary>Analyses run one at a time beside the rest of the process (ffmpeg itself uses the cores).</summary>
    internal const int MaxConcurrency = 1;

    /// <summary>Whether a <see cref="FfmpegNotFoundException"/> was seen: jobs are then simulated.</summary>
    internal bool FfmpegMissing => _ffmpegMissing;

    /// <summary>The outcome for <paramref name="stored"/> (shared with every other job on the same ETag).</summary>
    internal Task<AnalysisOutcome> AnalyzeAsync(StoredObject stored)
    {
        if (_ffmpegMissing)
        {
            return Task.FromResult(AnalysisOutcome.Unavailable);
        }

        lock (_gate)
        {
            // One analysis serves both modes: the job drops VqaPlusResult in general mode.
            if (!_byETag.TryGetValue(stored.ETag, out var pending))
            {
                pending = Task.Run(() => RunAsync(stored));
                _byETag.Add(stored.ETag, pending);
            }

            return pending;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task<AnalysisOutcome> RunAsync(StoredObject stored)
    {
        string? copy = null;
        var token = _stopping.Token;
        try
        {
            await _slots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (_ffmpegMissing)
                {
                    return AnalysisOutcome.Unavailable;
                }

                // A private copy: the object may be overwritten or deleted while ffmpeg reads it.
                copy = Path.Combine(Path.GetTempPath(), "cosqe-emulator-analysis-" + Guid.NewGuid().ToString("N"));
                try
                {
                    await using var source = new ConcatenatedFileStream(stored.ContentPaths);
                    await using var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await source.CopyToAsync(target, token).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    Forget(stored.ETag);
                    return AnalysisOutcome.Failure(AnalysisErrorCodes.InputFileNotExist, $"The input object {stored.Key} does not exist.");
                }

                var analysis = await _analyzer.AnalyzeAsync(copy, token).ConfigureAwait(false);
                LogAnalysed(_logger, stored.Key, analysis.AnalysisTime.TotalSeconds);
                return AnalysisOutcome.Analysed(WireResult.From(analysis.QualityEstimate, "vqaPlus"), WireResult.MediaInfo(analysis, stored.Size));
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (FfmpegNotFoundException ex)
        {
            if (!_ffmpegMissing)
            {
                _ffmpegMissing = true;
                LogFfmpegMissing(_logger, ex.Message);
            }

            Forget(stored.ETag);
            return AnalysisOutcome.Unavailable;
        }
        catch (MediaUnreadableException ex)
        {
            // LocalAnalysisFailure.MediaUnreadable: a verdict on the bytes, cached for the ETag.
            var reason = string.IsNullOrWhiteSpace(ex.FfmpegReason) ? ex.Message : ex.FfmpegReason.Trim();
            return AnalysisOutcome.Failure(AnalysisErrorCodes.InvalidInputFile, $"The input object {stored.Key} cannot be decoded: {reason}");
        }
        catch (LocalAnalysisException ex) when (ex.IsRetryable)
        {
            // MediaAccess (the private copy could not be read) or AnalyzerFailure (ffmpeg crashed, a bug): says nothing
            // about the content, so it is not cached (a later job on the same ETag tries again), never InvalidInputFile.
            Forget(stored.ETag);
            LogFailed(_logger, stored.Key, ex.Failure.ToString(), ex.Message);
            return AnalysisOutcome.Failure(AnalysisErrorCodes.InternalError, $"The local analysis of {stored.Key} failed ({ex.Failure}): {ex.Message}");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return AnalysisOutcome.Unavailable;
        }
        catch (ObjectDisposedException)
        {
            return AnalysisOutcome.Unavailable; // the emulator is stopping
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else (ffmpeg crashed, an analyzer bug) fails this job with the reason instead of leaving it
            // Running forever.
            Forget(stored.ETag);
            LogFailed(_logger, stored.Key, ex.GetType().Name, ex.Message);
            return AnalysisOutcome.Failure(AnalysisErrorCodes.InternalError, $"The local analysis of {stored.Key} failed: {ex.Message}");
        }
        finally
        {
            if (copy is not null)
            {
                ObjectStore.DeleteQuietly(copy);
            }
        }
    }

    /// <summary>Drops a cached outcome that says nothing about the content (a later job on it tries again).</summary>
    private void Forget(string etag)
    {
        lock (_gate)
        {
            _byETag.Remove(etag);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Analysed {Key} locally in {Seconds:0.0} s.")]
    private static partial void LogAnalysed(ILogger logger, string key, double seconds);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Local analysis is off, results are simulated: {Reason}")]
    private static partial void LogFfmpegMissing(ILogger logger, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Local analysis of {Key} failed ({Error}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string error, string reason);
}
