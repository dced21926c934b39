using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>Reports a <see cref="BatchProgress"/> snapshot of the journal every <see cref="BatchOptions.ProgressInterval"/>.</summary>
internal sealed class ProgressReporter
{
    private readonly BatchJournal _journal;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<BatchProgress>? _report;

    public ProgressReporter(BatchJournal journal, BatchOptions options, TimeProvider time, Action<BatchProgress>? report)
    {
        _journal = journal;
        _options = options;
        _time = time;
        _report = report;
    }

    /// <summary>Ticks until <paramref name="done"/> fires.</summary>
    public async Task RunAsync(CancellationToken done)
    {
        if (_report is null)
        {
            return;
        }

        var start = _journal.Count();
        var started = _time.GetTimestamp();
        using var timer = new PeriodicTimer(_options.ProgressInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(done).ConfigureAwait(false))
            {
                _report(new BatchProgress(_journal.Count(), start, _time.GetElapsedTime(started), _options.NoWait));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
