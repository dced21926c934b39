using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>One file to analyse: its journal row and key (when journaled) and its path (as the user gave it, or where the
/// journal row says the file is).</summary>
internal readonly record struct AnalysisItem(long? Seq, string Path, string? Key = null);

/// <summary>
/// Runs the local analyses of <c>cosqe analyze</c>: up to <c>concurrency</c> files at once, each outcome committed to the
/// journal (when there is one) as soon as it is known and handed to <see cref="OnOutcome"/> in input order. A file that
/// cannot be analysed is an outcome (Failed, with the code of its <see cref="LocalAnalysisFailure"/>) and the others go
/// on; a missing ffmpeg (<see cref="FfmpegNotFoundException"/>) stops the run and propagates.
/// </summary>
internal sealed class AnalysisRunner
{
    private readonly LocalVideoAnalyzer _analyzer;
    private readonly int _concurrency;
    private readonly AnalysisJournal? _journal;
    private readonly string _currentDirectory;

    public AnalysisRunner(LocalVideoAnalyzer analyzer, int concurrency, AnalysisJournal? journal, string currentDirectory)
    {
        _analyzer = analyzer;
        _concurrency = Math.Max(1, concurrency);
        _journal = journal;
        _currentDirectory = currentDirectory;
    }

    /// <summary>Called once per journaled file right after its outcome is committed, concurrently for different files
    /// (what is kept next to the result: facts, frames; see <see cref="KeptWithResults"/>).</summary>
    public Func<AnalysisOutcome, CancellationToken, Task>? OnRecorded { get; init; }

    /// <summary>Called once per file, in input order, never concurrently.</summary>
    public Func<AnalysisOutcome, Task>? OnOutcome { get; init; }

    /// <summary>Analyses every item; returns the outcomes in input order.</summary>
    public async Task<IReadOnlyList<AnalysisOutcome>> RunAsync(IReadOnlyList<AnalysisItem> items, CancellationToken cancellationToken)
    {
        var outcomes = new AnalysisOutcome?[items.Count];
        var next = 0;
        using var emit = new SemaphoreSlim(1, 1);
        var options = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (index, token) =>
        {
            var item = items[index];
            var outcome = await AnalyzeOneAsync(item.Path, token).ConfigureAwait(false);
            if (item.Seq is { } seq && _journal is not null)
            {
                outcome = outcome with { Key = item.Key };
                // The result record carries its source (local-analysis) itself: see Journal/JournalFindings.
                _journal.RecordStates([(seq, outcome.Job)]);
                if (OnRecorded is not null)
                {
                    await OnRecorded(outcome, token).ConfigureAwait(false);
                }
            }

            outcomes[index] = outcome;
            await emit.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                while (next < outcomes.Length && outcomes[next] is { } ready)
                {
                    next++;
                    if (OnOutcome is not null)
                    {
                        await OnOutcome(ready).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                emit.Release();
            }
        }).ConfigureAwait(false);

        return outcomes.Select(o => o!).ToList();
    }

    private async Task<AnalysisOutcome> AnalyzeOneAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path, _currentDirectory);
        try
        {
            var result = await _analyzer.AnalyzeAsync(full, cancellationToken).ConfigureAwait(false);
            return AnalysisOutcome.Success(path, result);
        }
        catch (FfmpegNotFoundException)
        {
            throw;
        }
        catch (MediaUnreadableException ex)
        {
            return AnalysisOutcome.Failure(path, AnalysisOutcome.MediaUnreadableCode, JobText.OneLine(ex.FfmpegReason is { Length: > 0 } reason && !ex.Message.Contains(reason, StringComparison.Ordinal) ? $"{ex.Message} ({reason})" : ex.Message));
        }
        catch (LocalAnalysisException ex)
        {
            // MediaAccess -> FileUnreadable, AnalyzerFailure -> AnalysisFailed: both retried on a rerun.
            return AnalysisOutcome.Failure(path, AnalysisOutcome.CodeFor(ex.Failure), JobText.OneLine(ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return AnalysisOutcome.Failure(path, AnalysisOutcome.FileUnreadableCode, JobText.OneLine(ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Not from the taxonomy (a derived analyzer's own error): an analyzer failure, reported as such and retried.
            return AnalysisOutcome.Failure(path, AnalysisOutcome.AnalysisFailedCode, JobText.OneLine($"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
