using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Keeps the planned frames (<see cref="FramePlan"/>) of one video in <see cref="JournalFrames"/>, taking from an
/// <see cref="IFrameSource"/> only what the journal does not hold yet: a rerun asks the source for nothing twice (a frame
/// that was not available is kept as a marker and not asked again). The caps are the journal's
/// (<see cref="JournalFrames.Put"/>): a frame that does not fit is left out and counted as not available. A frame the
/// source cannot give in this run (<see cref="FrameUnavailableException"/>) is counted as not available and keeps no
/// marker, so a later run asks for it again.
/// </summary>
internal sealed class FrameKeeper
{
    private readonly IFrameSource _source;
    private readonly JournalFrames _frames;

    public FrameKeeper(IFrameSource source, JournalFrames frames, FrameTally? tally = null)
    {
        _source = source;
        _frames = frames;
        Tally = tally ?? new FrameTally();
    }

    /// <summary>What this keeper did.</summary>
    public FrameTally Tally { get; }

    /// <summary>
    /// Keeps the frames of <paramref name="key"/> (read from the source as <paramref name="sourceKey"/>, e.g. the full
    /// path). With <paramref name="replace"/> (the video was measured again) the frames kept before are forgotten first.
    /// <paramref name="maxFrames"/> keeps only the first frames of the plan (the poster and the most confident findings),
    /// e.g. those a report shows when each frame is billed.
    /// </summary>
    public async Task KeepAsync(string key, string sourceKey, IReadOnlyList<JournalFinding> findings, double? duration, bool replace, CancellationToken cancellationToken, int maxFrames = JournalFrames.MaxFramesPerVideo)
    {
        if (replace)
        {
            _frames.Forget(key);
        }

        var held = _frames.Read(key).Select(f => (f.Role, f.AtMs)).ToHashSet();
        foreach (var planned in FramePlan.For(findings, duration).Take(maxFrames))
        {
            if (held.Contains((planned.Role, planned.AtMs)))
            {
                Tally.AddReused();
                continue;
            }

            Tally.AddRequest();
            FrameImage? image;
            try
            {
                image = await _source.GetFrameAsync(sourceKey, planned.SeekSeconds, JournalFrames.MaxWidth, cancellationToken).ConfigureAwait(false);
            }
            catch (FrameUnavailableException)
            {
                Tally.AddMissing();
                continue;
            }

            var frame = image is null
                ? new StoredFrame(planned.Role, planned.AtMs, planned.SeekSeconds, 0, 0, "image/jpeg", _source.Origin, [])
                : new StoredFrame(planned.Role, planned.AtMs, planned.SeekSeconds, image.Width, image.Height, image.ContentType, _source.Origin, image.Bytes);
            if (image is not null && image.Width <= JournalFrames.MaxWidth && _frames.Put(key, frame))
            {
                Tally.AddKept(image.Bytes.Length);
            }
            else
            {
                // Not available, too large or over the video's cap: a marker, so a rerun does not ask again.
                _frames.Put(key, frame with { Width = 0, Height = 0, Bytes = [] });
                Tally.AddMissing();
            }
        }
    }
}
