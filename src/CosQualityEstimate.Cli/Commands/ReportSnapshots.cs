using System.Globalization;
using CosQualityEstimate.Cli.Frames;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Report;
using CosQualityEstimate.Cli.Results;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// <c>cosqe report --frames N</c> (opt-in: each snapshot is billed by CI): the frames of the N worst videos of the report
/// (<see cref="WorstVideos"/>) that are results of a batch — client-side or server-side, whose keys are object keys —
/// fetched through GetSnapshot (<see cref="SnapshotFrameSource"/>) by the <see cref="FrameKeeper"/> and cached in each
/// row's own journal (<see cref="JournalFrames"/>, origin <c>snapshot</c>), so a rerun asks for nothing it holds. Per video,
/// the frames the report shows: its poster (at a fifth of the clip when the journal knows the duration, else at 0 s) and
/// its <see cref="ReportOptions.StripFrames"/> most confident findings' frames. Simulated results are never in the
/// worst list (nothing was seen) and are counted; rows of <c>cosqe analyze</c> journals (local paths) keep analyze's own
/// frames and are counted. The client is built as for every service command (<see cref="CliConfig.ConnectAsync"/>), and
/// only when there is something to fetch.
/// </summary>
internal static class ReportSnapshots
{
    /// <summary>Videos fetched at once.</summary>
    public const int Concurrency = 4;

    /// <summary>Fetches what <paramref name="rows"/>' worst <paramref name="count"/> lack; a refusal (authentication) propagates.</summary>
    public static async Task<SnapshotFetch> FetchAsync(CommandContext context, IReadOnlyList<JournalRow> rows, IReadOnlyList<JournalFile> files, int count, int framesPerVideo)
    {
        var simulated = rows.Count(r => r.State == JournalState.Success && r.Source == SourceLabels.Simulated);
        var targets = new List<(JournalRow Row, JournalFile File)>();
        var local = 0;
        foreach (var row in WorstVideos.Of(rows, count))
        {
            var file = files.FirstOrDefault(f => string.Equals(f.Path, row.Origin, StringComparison.Ordinal)) ?? files[0];
            if (file.Kind == JournalKind.Analysis)
            {
                local++;
            }
            else
            {
                targets.Add((row, file));
            }
        }

        if (targets.Count == 0)
        {
            return new SnapshotFetch(0, 0, 0, 0, 0, 0, 0, simulated, local);
        }

        await using var connection = await context.Config.ConnectAsync(context.Host, allowEmbeddedEmulator: true, context.Cancel).ConfigureAwait(false);
        var source = new SnapshotFrameSource(connection.Client.Objects, FailureTable.IsMissingObject, FailureTable.IsRefusedForInput);
        var tally = new FrameTally();
        var tables = targets.Select(t => t.File).Distinct().ToDictionary(
            f => f,
            f => (Keeper: new FrameKeeper(source, JournalFrames.Open(f), tally), Media: JournalMedia.OpenForReading(f)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = context.Cancel };
        await Parallel.ForEachAsync(targets, options, async (target, token) =>
        {
            var (keeper, media) = tables[target.File];
            var duration = media?.Read(target.Row.Key)?.DurationSeconds;
            await keeper.KeepAsync(target.Row.Key, target.Row.Key, target.Row.Result.Findings, duration, replace: false, token, framesPerVideo).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new SnapshotFetch(source.Requests, source.Videos, tally.Reused, tally.Kept, tally.Missing, source.MissingObjects, source.SimulatedAnswers, simulated, local);
    }
}

/// <summary>What <c>report --frames</c> did.</summary>
/// <param name="Requested">GetSnapshot requests sent (each billed).</param>
/// <param name="Videos">Videos at least one request was sent for.</param>
/// <param name="AlreadyKept">Frames (or markers of frames that do not exist) the journal already held: not asked again.</param>
/// <param name="Kept">Frames fetched and kept now.</param>
/// <param name="NotAvailable">Frames with no picture (a time past the end, not a video, the object missing, a placeholder).</param>
/// <param name="MissingObjects">Videos the bucket does not hold (asked again by a later run).</param>
/// <param name="SimulatedAnswers">Placeholder answers (an emulator that does not analyse objects), never kept.</param>
/// <param name="SimulatedResults">Simulated results in the journal(s): they get no frames.</param>
/// <param name="LocalResults">Worst videos from <c>cosqe analyze</c> journals: they keep analyze's frames.</param>
internal sealed record SnapshotFetch(long Requested, int Videos, long AlreadyKept, long Kept, long NotAvailable, int MissingObjects, long SimulatedAnswers, int SimulatedResults, int LocalResults)
{
    /// <summary>The stderr line, e.g. <c>cosqe: requested 12 snapshot(s) for 4 video(s); 3 already kept; 12 kept, 0 not available</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            F($"requested {Requested} snapshot(s) for {Videos} video(s) (GetSnapshot, billed per call by CI)"),
            F($"{AlreadyKept} already kept"),
            F($"{Kept} kept, {NotAvailable} not available"),
        };
        if (MissingObjects > 0)
        {
            parts.Add(F($"{MissingObjects} video(s) not in the bucket (no frames; asked again next run)"));
        }

        if (SimulatedAnswers > 0)
        {
            parts.Add(F($"{SimulatedAnswers} simulated snapshot(s) not kept (the emulator does not analyse objects)"));
        }

        if (SimulatedResults > 0)
        {
            parts.Add(F($"{SimulatedResults} simulated result(s) get no frames (nothing was seen)"));
        }

        if (LocalResults > 0)
        {
            parts.Add(F($"{LocalResults} local-analysis result(s) keep the frames of cosqe analyze"));
        }

        return "cosqe: " + string.Join("; ", parts) + ".";
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
