using CosQualityEstimate.Cli;
using CosQualityEstimate.Cli.Frames;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The frame store (issue 25): its own table, its caps, markers, and journals without it.</summary>
public sealed class JournalFramesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static StoredFrame Frame(FrameRole role, long at, int bytes) =>
        new(role, at, at / 1000.0, 320, 180, "image/jpeg", "ffmpeg", new byte[bytes]);

    [Fact]
    public void Frames_round_trip_poster_first_and_leave_the_journal_schema_as_it_is()
    {
        var path = _dir.File("j.db");
        using (var file = JournalFile.Open(path, create: true, TimeProvider.System))
        {
            var frames = JournalFrames.Open(file);
            Assert.True(frames.Put("a.mp4", Frame(FrameRole.Finding, 3250, 1000)));
            Assert.True(frames.Put("a.mp4", Frame(FrameRole.Poster, 2000, 900)));
            Assert.True(frames.Put("a.mp4", Frame(FrameRole.Finding, 1000, 800)));
            Assert.True(frames.Put("b.mp4", Frame(FrameRole.Poster, 0, 10)));

            var read = frames.Read("a.mp4");
            Assert.Equal([FrameRole.Poster, FrameRole.Finding, FrameRole.Finding], read.Select(f => f.Role));
            Assert.Equal([2000L, 1000L, 3250L], read.Select(f => f.AtMs));
            Assert.Equal(1000, read[2].Bytes.Length);
            Assert.Equal((4L, 2710L), frames.Totals());
            Assert.Equal(3, frames.Forget("a.mp4"));
            Assert.False(frames.Has("a.mp4"));
            Assert.True(frames.Has("b.mp4"));
            Assert.Equal(JournalSchema.Current.ToString(System.Globalization.CultureInfo.InvariantCulture), file.GetMeta("schema"));
            Assert.Equal("1", file.GetMeta(JournalFrames.SchemaMeta));
        }

        // The read-only open that export/report use still accepts the journal.
        using var again = JournalFile.OpenExisting(path, TimeProvider.System);
        Assert.NotNull(JournalFrames.OpenForReading(again));
    }

    [Fact]
    public void A_journal_without_the_table_has_no_frames_and_reading_creates_nothing()
    {
        var path = _dir.File("old.db");
        using (JournalFile.Open(path, create: true, TimeProvider.System))
        {
        }

        using var file = JournalFile.OpenExisting(path, TimeProvider.System);
        Assert.Null(JournalFrames.OpenForReading(file));
        Assert.Null(JournalMedia.OpenForReading(file));
        Assert.Null(file.GetMeta(JournalFrames.SchemaMeta));
    }

    [Fact]
    public void The_caps_per_frame_per_video_and_count_refuse_more_but_a_marker_always_fits()
    {
        using var file = JournalFile.Open(_dir.File("j.db"), create: true, TimeProvider.System);
        var frames = JournalFrames.Open(file);

        Assert.False(frames.Put("a.mp4", Frame(FrameRole.Finding, 1, JournalFrames.MaxFrameBytes + 1)));
        Assert.True(frames.Put("a.mp4", Frame(FrameRole.Finding, 1, JournalFrames.MaxFrameBytes)));

        // Bytes per video: fill up to the cap with full-size frames; the next one does not fit.
        var fit = (JournalFrames.MaxVideoBytes / JournalFrames.MaxFrameBytes) - 1;
        for (var i = 0; i < fit; i++)
        {
            Assert.True(frames.Put("a.mp4", Frame(FrameRole.Finding, 100 + i, JournalFrames.MaxFrameBytes)));
        }

        Assert.False(frames.Put("a.mp4", Frame(FrameRole.Finding, 999, JournalFrames.MaxFrameBytes)));
        Assert.True(frames.Put("a.mp4", Frame(FrameRole.Finding, 999, 0))); // a marker
        Assert.True(frames.Read("a.mp4").Sum(f => f.Bytes.Length) <= JournalFrames.MaxVideoBytes);

        // Replacing a frame does not count it twice.
        Assert.True(frames.Put("a.mp4", Frame(FrameRole.Finding, 1, JournalFrames.MaxFrameBytes - 10)));

        // Count per video.
        for (var i = 0; i < JournalFrames.MaxFramesPerVideo; i++)
        {
            Assert.True(frames.Put("b.mp4", Frame(FrameRole.Finding, i, 10)));
        }

        Assert.False(frames.Put("b.mp4", Frame(FrameRole.Finding, 5000, 10)));
    }

    [Fact]
    public void A_table_of_a_newer_format_is_refused()
    {
        using var file = JournalFile.Open(_dir.File("j.db"), create: true, TimeProvider.System);
        file.SetMeta(JournalFrames.SchemaMeta, "2");

        var error = Assert.Throws<CliUsageException>(() => JournalFrames.Open(file));
        Assert.Contains("unsupported format 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_facts_and_notes_round_trip()
    {
        using var file = JournalFile.Open(_dir.File("j.db"), create: true, TimeProvider.System);
        var media = JournalMedia.Open(file);
        var facts = new MediaFacts(29.6, 1920, 1080, "h264", 29.97, 2, "mov,mp4", ["Jitter not checked: \"no vidstab\""]);

        media.Put("a.mp4", facts);

        var read = media.Read("a.mp4")!;
        var none = Array.Empty<string>();
        Assert.Equal(facts with { Notes = none }, read with { Notes = none });
        Assert.Equal(facts.Notes, read.Notes);
        Assert.Null(media.Read("b.mp4"));
    }
}

public sealed class FramePlanTests
{
    [Fact]
    public void A_finding_frame_is_at_its_middle_clamped_into_the_clip_and_findings_share_a_middle()
    {
        JournalFinding F(string type, double? start, double? end, double? confidence) => new(type, start, end, confidence, []);
        var plan = FramePlan.For([F("Blur", 2, 4.5, 60), F("Noise", 0, 23.5, 90), F("Mosaic", 2.5, 4, 30), F("LowEvaluation", 0, 30, 50)], 29.6);

        Assert.Equal(FrameRole.Poster, plan[0].Role);
        Assert.Equal(5920, plan[0].AtMs); // a fifth of the clip
        Assert.Equal([11750L, 3250L, 15000L], plan.Skip(1).Select(p => p.AtMs)); // most confident first; Blur and Mosaic share 3.25 s
        Assert.Equal(15, plan[3].SeekSeconds, 3);
        Assert.Equal(29.35, FramePlan.Clamp(40, 29.6), 3); // a time past the end is clamped a quarter second before it
        Assert.Equal(0, FramePlan.Clamp(-3, 29.6));
        Assert.Equal(2000, FramePlan.Middle(2, null));
        Assert.Equal(0, FramePlan.Middle(null, null));
    }

    [Fact]
    public void A_video_keeps_at_most_the_cap_of_frames()
    {
        var findings = Enumerable.Range(0, 100).Select(i => new JournalFinding("HighVoice", i, i + 0.5, 50, [])).ToList();

        var plan = FramePlan.For(findings, 200);

        Assert.Equal(JournalFrames.MaxFramesPerVideo, plan.Count);
    }
}

public sealed class FrameKeeperTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class CountingSource : IFrameSource
    {
        public List<double> Asked { get; } = [];

        public string Origin => "test";

        public Task<FrameImage?> GetFrameAsync(string key, double seconds, int maxWidth, CancellationToken cancellationToken)
        {
            Asked.Add(seconds);
            // No frame past 8 s (as past the end of a file).
            return Task.FromResult(seconds > 8 ? null : new FrameImage(new byte[500], "image/jpeg", maxWidth, 180));
        }
    }

    [Fact]
    public async Task A_rerun_asks_the_source_for_nothing_twice_and_a_new_measurement_takes_them_again()
    {
        using var file = JournalFile.Open(_dir.File("j.db"), create: true, TimeProvider.System);
        var frames = JournalFrames.Open(file);
        var source = new CountingSource();
        var keeper = new FrameKeeper(source, frames);
        JournalFinding[] findings = [new("Blur", 2, 4, 80, []), new("Noise", 9, 9.5, 50, [])];

        await keeper.KeepAsync("a.mp4", "/full/a.mp4", findings, 9.6, replace: false, CancellationToken.None);
        Assert.Equal(3, source.Asked.Count); // poster, Blur, Noise
        Assert.Equal(2, keeper.Tally.Kept);
        Assert.Equal(1, keeper.Tally.Missing); // Noise at 9.25 s: none
        Assert.Equal(1000, keeper.Tally.Bytes);

        await keeper.KeepAsync("a.mp4", "/full/a.mp4", findings, 9.6, replace: false, CancellationToken.None);
        Assert.Equal(3, source.Asked.Count); // nothing asked again, not even the missing one
        Assert.Equal(3, keeper.Tally.Reused);

        await keeper.KeepAsync("a.mp4", "/full/a.mp4", findings, 9.6, replace: true, CancellationToken.None);
        Assert.Equal(6, source.Asked.Count);
        Assert.Equal(3, frames.Read("a.mp4").Count);
    }
}

public sealed class FrameParsingTests
{
    [Fact]
    public void The_jpeg_size_is_read_from_its_start_of_frame_and_anything_else_is_refused()
    {
        // SOI, APP0 (length 16), SOF0 with height 180 and width 320.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. new byte[14], 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xB4, 0x01, 0x40, 0x03];

        Assert.True(JpegSize.TryRead(jpeg, out var width, out var height));
        Assert.Equal((320, 180), (width, height));
        Assert.False(JpegSize.TryRead("not a jpeg"u8, out _, out _));
        Assert.False(JpegSize.TryRead(jpeg.AsSpan(0, 10), out _, out _));
    }

    [Fact]
    public void Ffprobe_json_gives_the_facts_skipping_cover_art_and_counting_audio_tracks()
    {
        var json = """
            {"streams":[{"index":0,"codec_name":"mjpeg","codec_type":"video","width":600,"height":600,"avg_frame_rate":"0/0","disposition":{"attached_pic":1}},
            {"index":1,"codec_name":"h264","codec_type":"video","width":1920,"height":1080,"avg_frame_rate":"30000/1001","disposition":{"attached_pic":0}},
            {"index":2,"codec_name":"aac","codec_type":"audio"},{"index":3,"codec_name":"ac3","codec_type":"audio"}],
            "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"29.600000"}}
            """u8;

        var facts = MediaFactsProbe.Parse(json);

        Assert.Equal(new MediaFacts(29.6, 1920, 1080, "h264", 30000 / 1001.0, 2, "mov,mp4,m4a,3gp,3g2,mj2", []) with { Notes = facts.Notes }, facts);
        Assert.Equal(MediaFacts.None, MediaFactsProbe.Parse("{"u8));
        Assert.False(MediaFactsProbe.Parse("{\"streams\":[{\"codec_type\":\"audio\"}]}"u8).HasVideo);
    }
}
