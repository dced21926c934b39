using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Runs one <c>cosqe batch</c> over a journal, in stages that each own their state (docs/cli.md "Batches and the
/// journal" names the stage behind each rule):
/// <list type="number">
/// <item><see cref="InDoubtReconciler"/>: keys left in doubt by a previous run are looked up before anything is sent.</item>
/// <item><see cref="TokenPreparer"/> + <see cref="SendLease"/>: tokens committed before their sends; every send inside a committed lease.</item>
/// <item><see cref="Submitter"/>: bounded-concurrency submits; each failure decided by the <see cref="FailureTable"/>.</item>
/// <item><see cref="JobIdCommitter"/>: job ids group-committed as soon as submits return.</item>
/// <item><see cref="JobPoller"/> (unless <see cref="BatchOptions.NoWait"/>): open jobs polled to the end; a refusal stops the run.</item>
/// </list>
/// Cancellation is <see cref="BatchStop"/>'s alone; every time comes from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class BatchRunner
{
    private readonly JobsClient _client;
    private readonly BatchJournal _journal;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;

    public BatchRunner(JobsClient client, BatchJournal journal, BatchOptions options, TimeProvider? time = null)
    {
        _client = client;
        _journal = journal;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Called with a progress snapshot whenever the reporter ticks.</summary>
    public Action<BatchProgress>? OnProgress { get; init; }

    public async Task<BatchResult> RunAsync(CancellationToken stop)
    {
        using var batchStop = new BatchStop(stop, _time);
        using var runEnded = new CancellationTokenSource();
        var progress = new ProgressReporter(_journal, _options, _time, OnProgress).RunAsync(runEnded.Token);
        var reconciler = new InDoubtReconciler(_client, _journal, _options, _time);
        Submitter submitter;
        JobPoller poller;
        try
        {
            // 1. Reconcile what a previous run left in doubt.
            await reconciler.RunAsync(stop).ConfigureAwait(false);

            // 2-5. Prepare tokens, send inside the lease, group-commit job ids, poll: concurrently until all is done.
            var committer = new JobIdCommitter(_journal, _time);
            poller = new JobPoller(_client, _journal, _options, _time, committer, batchStop.EndSending);
            var lease = new SendLease(_journal, _time, _options.SendLease);
            submitter = new Submitter(_client, _journal, _options, lease, committer, batchStop, _options.NoWait ? (_, _) => { } : poller.Add);
            var sending = SendAsync(submitter, new TokenPreparer(_journal, reconciler.Skipped), lease, committer);
            var polling = _options.NoWait ? Task.CompletedTask : poller.RunAsync(sending, stop);
            await sending.ConfigureAwait(false);
            await polling.ConfigureAwait(false);
        }
        finally
        {
            await runEnded.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
        }

        if (submitter.Fatal is { } fatal)
        {
            throw fatal;
        }

        if (poller.Refusal is { } refusal)
        {
            throw refusal; // exit 3; the journal holds every job id and result committed so far
        }

        return new BatchResult(_journal.Count(), submitter.InDoubt + reconciler.Skipped.Count, stop.IsCancellationRequested, submitter.Unavailable);
    }

    /// <summary>Submits everything; the group commit and the lease keep-alive run exactly as long as submits may be running.</summary>
    private static async Task SendAsync(Submitter submitter, TokenPreparer tokens, SendLease lease, JobIdCommitter committer)
    {
        using var sendingEnded = new CancellationTokenSource();
        var commits = committer.RunAsync(sendingEnded.Token);
        var keepAlive = lease.KeepAliveAsync(sendingEnded.Token);
        try
        {
            await submitter.RunAsync(tokens).ConfigureAwait(false);
        }
        finally
        {
            await sendingEnded.CancelAsync().ConfigureAwait(false);
            await commits.ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            lease.Close();
        }
    }
}
