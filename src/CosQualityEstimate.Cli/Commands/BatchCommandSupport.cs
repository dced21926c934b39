using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// The glue <c>cosqe batch</c> and its <c>--server-side</c> branch share: the journal they open, the intervals they run
/// with, the progress lines, the summary line and the interrupted ending.
/// </summary>
internal static class BatchCommandSupport
{
    /// <summary>Opens (creating when missing) the journal; refuses one that holds the local files of <c>cosqe analyze</c>.</summary>
    internal static BatchJournal OpenJournal(CliHost host, CommandContext context, string journalPath)
    {
        var store = BatchJournal.Open(journalPath, create: true, host.Time);
        try
        {
            store.UnmarkedSource = context.Config.UnmarkedSource;
            if (store.GetMeta(AnalyzeCommand.KindMeta) == AnalyzeCommand.LocalKind)
            {
                throw new CliUsageException($"{journalPath} holds local files analysed by cosqe analyze, not object keys; give cosqe batch its own --journal file.");
            }

            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary><c>--poll-interval</c>, with 100 ms for zero or less.</summary>
    internal static TimeSpan PollInterval(TimeSpan poll) => poll > TimeSpan.Zero ? poll : TimeSpan.FromMilliseconds(100);

    /// <summary>250 ms on a terminal; otherwise <c>--progress-interval</c>, with 10 s for zero or less.</summary>
    internal static TimeSpan ProgressInterval(bool interactive, TimeSpan every) =>
        interactive ? TimeSpan.FromMilliseconds(250) : (every > TimeSpan.Zero ? every : TimeSpan.FromSeconds(10));

    /// <summary>Progress on stderr: one line rewritten in place on a terminal, <c>progress: …</c> lines otherwise.</summary>
    internal static Action<BatchProgress> ProgressWriter(CommandContext context, bool interactive) => p =>
    {
        if (interactive)
        {
            context.Error.Write("\r\u001b[2K" + p.Format());
        }
        else
        {
            context.Error.WriteLine("progress: " + p.Format());
        }
    };

    /// <summary>Clears the in-place progress line once the run ends (terminal only).</summary>
    internal static async Task ClearProgressAsync(CommandContext context, bool interactive)
    {
        if (interactive)
        {
            await context.Error.WriteAsync("\r\u001b[2K").ConfigureAwait(false);
        }
    }

    /// <summary>The summary line both batch kinds print.</summary>
    internal static string Summary(JournalCounts counts) =>
        $"{counts.Submitted} submitted, {counts.Succeeded} succeeded, {counts.Failed} failed, {counts.Pending} pending";

    /// <summary>Says on stderr that the run was interrupted and the journal is consistent; returns <see cref="ExitCodes.Interrupted"/>.</summary>
    internal static async Task<int> InterruptedAsync(CommandContext context)
    {
        await context.Error.WriteLineAsync("cosqe: interrupted; the journal is consistent, rerun the same command to continue.").ConfigureAwait(false);
        return ExitCodes.Interrupted;
    }
}
