using CosQualityEstimate.Emulator.Objects;
using CosQualityEstimate.LocalAnalysis;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Emulator.Analysis;

/// <summary>
/// Analyses stored objects with the local analyzer (ffmpeg), at most <see cref="Concurrency"/> at a time, and caches
/// the outcome per ETag (<see cref="AnalysisCache"/>, least recently used dropped first): the same content gets the same
/// result under any key and is analysed once while its outcome is cached. The first
/// <see cref="FfmpegNotFoundException"/> switches analysis off for the emulator's lifetime (every later job is
/// simulated, without trying again). Never throws to its caller: every failure is an <see cref="AnalysisOutcome"/>.
/// <see cref="DisposeAsync"/> cancels the running analyses and returns once they have ended (their temporary copies
/// deleted), so nothing reads the object store after the emulator is gone.
/// </summary>
internal sealed partial class StoredObjectAnalyzer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly AnalysisCache _cache;
    private readonly HashSet<Task<AnalysisOutcome>> _running = new();
    private readonly LocalVideoAnalyzer _analyzer;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private volatile bool _ffmpegMissing;
    private bool _disposed;

    /// <summary>Creates the analyzer.</summary>
    /// <param name="analyzer">The analysis of one local file.</param>
    /// <param name="concurrency">How many analyses run at the same time (at least 1).</param>
    /// <param name="cacheSize">How many outcomes are cached (at least 1).</param>
    /// <param name="logger">Where analyses are logged.</param>
    internal StoredObjectAnalyzer(LocalVideoAnalyzer analyzer, int concurrency, int cacheSize, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _analyzer = analyzer;
        _logger = logger;
        _cache = new AnalysisCache(cacheSize);
        _slots = new SemaphoreSlim(concurrency, concurrency);
        Concurrency = concurrency;
    }

    /// <summary>How many analyses run at the same time at most.</summary>
    internal int Concurrency { get; }

    /// <summary>How many outcomes the cache holds now (at most <see cref="CosEmulatorOptions.LocalAnalysisCacheSize"/>).</summary>
    internal int CachedCount
    {
        get
        {
            lock (_gate)
            {
                return _cache.Count;
            }
        }
    }

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
            if (_disposed)
            {
                return Task.FromResult(AnalysisOutcome.Unavailable);
            }

            // One analysis serves both modes: the job drops VqaPlusResult in general mode.
            if (!_cache.TryGet(stored.ETag, out var pending))
            {
                pending = Task.Run(() => RunAsync(stored));
                _cache.Add(stored.ETag, pending);
                _running.Add(pending);
                pending.ContinueWith(Ended, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return pending;
        }
    }

    /// <summary>Cancels the running analyses and waits for them to end; later calls of <see cref="AnalyzeAsync"/> answer <see cref="AnalysisOutcome.Unavailable"/>.</summary>
    /// <returns>A task that completes when no analysis runs any more.</returns>
    public async ValueTask DisposeAsync()
    {
        Task<AnalysisOutcome>[] running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = _running.ToArray();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);

        // RunAsync turns every failure into an outcome; should one still throw, disposing only waits for it, never fails.
        await ((Task)Task.WhenAll(running)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _slots.Dispose();
    }

    private void Ended(Task<AnalysisOutcome> analysis)
    {
        lock (_gate)
        {
            _running.Remove(analysis);
        }
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
            _cache.Remove(etag);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Analysed {Key} locally in {Seconds:0.0} s.")]
    private static partial void LogAnalysed(ILogger logger, string key, double seconds);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Local analysis is off, results are simulated: {Reason}")]
    private static partial void LogFfmpegMissing(ILogger logger, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Local analysis of {Key} failed ({Error}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string error, string reason);
}
