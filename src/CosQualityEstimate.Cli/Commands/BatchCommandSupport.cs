using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Results;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// The glue <c>cosqe batch</c> and its <c>--server-side</c> branch share: the journal they open, the intervals they run
/// with, the progress lines, the summary line and the interrupted ending.
/// </summary>
internal static class BatchCommandSupport
{
    /// <summary>Opens (creating when missing) the journal as one of <paramref name="kind"/> (a journal of another kind — an
    /// analyze catalog, the other side's batch — is refused there, exit 2) with the configuration's unmarked source.</summary>
    internal static BatchJournal OpenJournal(CliHost host, CommandContext context, string journalPath, JournalKind kind)
    {
        var store = kind == JournalKind.ServerSideBatch ? BatchJournal.OpenServerSide(journalPath, host.Time) : BatchJournal.Open(journalPath, create: true, host.Time);
        store.UnmarkedSource = context.Config.UnmarkedSource;
        return store;
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

    /// <summary>The summary line both batch kinds print: the counts, then the mode the results were measured in
    /// (<see cref="Modes"/>), e.g. <c>…, 0 pending; mode general: score only — findings not measured</c>.</summary>
    internal static string Summary(JournalCounts counts, string modes) =>
        $"{counts.Submitted} submitted, {counts.Succeeded} succeeded, {counts.Failed} failed, {counts.Pending} pending; {modes}";

    /// <summary>
    /// The modes of the journal's results as the summary says them: one mode (<see cref="ModeLabels.Describe"/>), or, for a
    /// journal whose results were measured in several, each with its count. A journal without a recorded mode yet says the
    /// mode this run asks for (<paramref name="requested"/>).
    /// </summary>
    internal static string Modes(IEnumerable<JournalRow> rows, string requested)
    {
        var counts = rows.Select(r => r.Mode).Where(m => m is not null).GroupBy(m => m!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (counts.Count <= 1)
        {
            return ModeLabels.Describe(counts.Count == 1 ? counts[0].Key : requested);
        }

        return "modes: " + string.Join(", ", counts.Select(g => ModeLabels.FindingsMeasured(g.Key) == false ? $"{g.Count()} {g.Key} ({ModeLabels.ScoreOnly})" : $"{g.Count()} {g.Key}"));
    }

    /// <summary>The single mode of the journal's results for <c>-o json</c> (<c>mixed</c> when there are several).</summary>
    internal static string Mode(IEnumerable<JournalRow> rows, string requested)
    {
        var modes = rows.Select(r => r.Mode).Where(m => m is not null).Distinct(StringComparer.Ordinal).Take(2).ToList();
        return modes.Count switch { 0 => requested, 1 => modes[0]!, _ => "mixed" };
    }

    /// <summary>Writes <c>"mode"</c> and <c>"findingsMeasured"</c> (<see langword="null"/> when mixed).</summary>
    internal static void WriteMode(System.Text.Json.Utf8JsonWriter writer, string mode)
    {
        writer.WriteString("mode", mode);
        if (ModeLabels.FindingsMeasured(mode) is { } measured)
        {
            writer.WriteBoolean("findingsMeasured", measured);
        }
        else
        {
            writer.WriteNull("findingsMeasured");
        }
    }

    /// <summary>Says on stderr that the run was interrupted and the journal is consistent; returns <see cref="ExitCodes.Interrupted"/>.</summary>
    internal static async Task<int> InterruptedAsync(CommandContext context)
    {
        await context.Error.WriteLineAsync("cosqe: interrupted; the journal is consistent, rerun the same command to continue.").ConfigureAwait(false);
        return ExitCodes.Interrupted;
    }
}
