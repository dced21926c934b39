using CosQualityEstimate.Cli.Frames;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// What <c>cosqe analyze --journal</c> keeps next to each result, after its analysis: the file's facts, the analyzer's
/// notes and the score's breakdown (<see cref="JournalMedia"/>, one ffprobe) and, unless <c>--no-frames</c>, its frames (<see cref="FrameKeeper"/>
/// with <see cref="FfmpegFrameSource"/>, one bounded ffmpeg per frame). A file measured again gets fresh frames; a file a
/// rerun skips keeps its frames, and gets those it lacks (e.g. analysed before with <c>--no-frames</c>).
/// </summary>
internal sealed class KeptWithResults
{
    private readonly JournalMedia _media;
    private readonly JournalFrames? _frames;
    private readonly FrameKeeper? _keeper;
    private readonly MediaFactsProbe _probe;

    public KeptWithResults(AnalysisJournal journal, FfmpegLocation tools, bool frames, IFrameSource? source = null)
    {
        _media = JournalMedia.Open(journal.File);
        _probe = new MediaFactsProbe(tools.Ffprobe);
        if (frames)
        {
            _frames = JournalFrames.Open(journal.File);
            _keeper = new FrameKeeper(source ?? new FfmpegFrameSource(tools.Ffmpeg), _frames);
        }
    }

    /// <summary>What was done with frames (<see langword="null"/> with <c>--no-frames</c>).</summary>
    public FrameTally? Tally => _keeper?.Tally;

    /// <summary>Keeps the facts and frames of a file just analysed (under its journal key, <see cref="AnalysisOutcome.Key"/>;
    /// read from where it is, <see cref="AnalysisOutcome.Path"/>).</summary>
    public async Task KeepAsync(AnalysisOutcome outcome, CancellationToken cancellationToken)
    {
        var key = outcome.Key ?? outcome.Path;
        var file = outcome.Path;
        if (!outcome.Succeeded || outcome.Result is not { } result)
        {
            _frames?.Forget(key);
            return;
        }

        var facts = await _probe.ProbeAsync(file, cancellationToken).ConfigureAwait(false);
        facts = facts with { DurationSeconds = facts.DurationSeconds ?? (result.DurationSeconds > 0 ? result.DurationSeconds : null), Notes = result.Notes };
        _media.Put(key, facts);
        _media.PutBreakdown(key, result.Breakdown);
        if (_keeper is not null && facts.HasVideo)
        {
            var findings = JournalFindings.Read(JournalFindings.Write(result.QualityEstimate, QualityEstimateSource.LocalAnalysis)).Findings;
            await _keeper.KeepAsync(key, file, findings, facts.DurationSeconds, replace: true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _frames?.Forget(key);
        }
    }

    /// <summary>Gives the successful rows a rerun skipped the frames they lack (nothing for a row that has any).</summary>
    public async Task BackfillAsync(IReadOnlyList<JournalRow> skipped, int concurrency, CancellationToken cancellationToken)
    {
        if (_keeper is null || _frames is null)
        {
            return;
        }

        var rows = skipped.Where(r => r.State == JournalState.Success && !_frames.Has(r.Key)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(rows, options, async (row, token) =>
        {
            var facts = _media.Read(row.Key);
            if (facts is null)
            {
                facts = await _probe.ProbeAsync(row.LocalPath, token).ConfigureAwait(false);
                _media.Put(row.Key, facts);
            }

            if (facts.HasVideo)
            {
                await _keeper.KeepAsync(row.Key, row.LocalPath, row.Result.Findings, facts.DurationSeconds, replace: false, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }
}
