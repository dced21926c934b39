using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>ffmpeg's text outputs are parsed with the invariant culture, whatever the machine's culture.</summary>
public sealed class ParsingTests
{
    [Theory]
    [InlineData("ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2025 the FFmpeg developers", "5.1.9")]
    [InlineData("ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021", "4.4.2")]
    [InlineData("ffmpeg version n7.1 Copyright (c) 2000-2024", "7.1.0")]
    [InlineData("ffmpeg version 6.0 Copyright", "6.0.0")]
    public void Release_versions_are_read(string line, string expected) =>
        Assert.Equal(Version.Parse(expected), FfmpegToolsLocator.ParseVersion(line + "\nbuilt with gcc 12\n"));

    [Fact]
    public void Development_builds_have_no_version_and_are_judged_by_their_filters() =>
        Assert.Null(FfmpegToolsLocator.ParseVersion("ffmpeg version N-113000-g1234abcd Copyright (c) 2000-2024"));

    [Fact]
    public void Filter_list_is_read_without_the_legend()
    {
        const string output = "Filters:\n  T.. = Timeline support\n  .S. = Slice threading\n  | = Source or sink filter\n" +
            " ... blurdetect        V->V       Blurdetect filter.\n TS. noise             V->V       Add noise.\n" +
            " ... anoisesrc         |->A       Generate a noise audio signal.\n";

        var filters = FfmpegToolsLocator.ParseFilters(output);

        Assert.Equal(new[] { "anoisesrc", "blurdetect", "noise" }, filters.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_file_is_read_with_nan_and_infinities()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path,
                "frame:0    pts:0       pts_time:0\nlavfi.astats.Overall.RMS_level=-inf\nlavfi.blur=nan\n" +
                "frame:1    pts:4800    pts_time:0.1\nlavfi.astats.Overall.RMS_level=-21.078904\nlavfi.silence_start=3.00802\n");

            var frames = MetadataFileReader.Read(path).Select(f => (f.Time, Rms: f.Number("lavfi.astats.Overall.RMS_level"), Blur: f.Number("lavfi.blur"), Silence: f.Number("lavfi.silence_start"))).ToList();

            Assert.Equal(2, frames.Count);
            Assert.Equal(0, frames[0].Time);
            Assert.Equal(double.NegativeInfinity, frames[0].Rms);
            Assert.True(double.IsNaN(frames[0].Blur));
            Assert.True(double.IsNaN(frames[0].Silence));
            Assert.Equal(0.1, frames[1].Time);
            Assert.Equal(-21.078904, frames[1].Rms);
            Assert.Equal(3.00802, frames[1].Silence);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Decoder_errors_take_the_time_of_the_last_printed_frame()
    {
        var log = new DecoderLog("h264");
        log.Add("[Parsed_metadata_7 @ 0x55df0f33b340] frame:74   pts:37888   pts_time:2.96");
        log.Add("[Parsed_metadata_7 @ 0x55df0f33b340] lavfi.signalstats.YAVG=120.8");
        log.Add("[h264 @ 0x55df0f2a1c00] error while decoding MB 9 0, bytestream 6561");
        log.Add("[h264 @ 0x55df0f2a1c00] concealing 440 DC, 440 AC, 440 MV errors in P frame");
        log.Add("[Parsed_metadata_7 @ 0x55df0f33b340] frame:75   pts:38400   pts_time:3");
        log.Add("[aac @ 0x55df0f2a2000] Queue input is backward in time");

        Assert.Equal(new[] { 2.96 }, log.ErrorTimes);
        Assert.Contains("[aac @ 0x55df0f2a2000] Queue input is backward in time", log.LastLines);
    }

    [Fact]
    public void Analysis_graph_traces_the_slice_headers_of_h264_and_hevc_on_a_stream_copy_and_decodes_nothing_more()
    {
        foreach (var codec in new[] { "h264", "hevc" })
        {
            var arguments = Graph(codec).Arguments.ToList();
            var copy = arguments.IndexOf("copy");
            Assert.Equal(["-map", "0:v:0", "-c:v", "copy", "-bsf:v", "trace_headers", "-f", "null", "-"], arguments.Skip(copy - 3).Take(9));
            Assert.DoesNotContain("-export_side_data", arguments);
            Assert.DoesNotContain("showinfo", arguments[arguments.IndexOf("-filter_complex") + 1], StringComparison.Ordinal);
        }

        foreach (var codec in new[] { "mpeg4", "vp9", "av1" })
        {
            Assert.DoesNotContain("trace_headers", Graph(codec).Arguments);
            Assert.False(Graph(codec).TracesSliceHeaders);
        }

        static AnalysisGraph Graph(string codec) => AnalysisGraph.Build(
            MediaProbe.FromOutput(
                new FfprobeOutput
                {
                    Streams = [new FfprobeStream { CodecType = "video", CodecName = codec, Width = 1280, Height = 720, AverageFrameRate = "25/1", TimeBase = "1/12800" }],
                    Format = new FfprobeFormat { Duration = "10" },
                },
                "a.mp4"),
            "a.mp4",
            new LocalAnalysisThresholds(),
            withMotion: false);
    }

    [Theory]
    [InlineData("1/12800", 1 / 12800.0)]
    [InlineData("1001/30000", 1001 / 30000.0)]
    [InlineData("0/1", 0.0)]
    [InlineData("1/0", 0.0)]
    [InlineData("N/A", 0.0)]
    [InlineData(null, 0.0)]
    public void Time_base_is_read_from_ffprobe(string? text, double expected) => Assert.Equal(expected, MediaProbe.ParseTimeBase(text), 12);

    [Fact]
    public void Raw_texts_use_the_invariant_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var estimate = ResultBuilder.Build(7.5, [new Finding(QualityIssueType.Blur, 3.04, 5.5, 87, new PixelBox(1, 2, 300, 170))], true, false);

            Assert.Equal("7.5", estimate.RawScore);
            Assert.Equal(QualityEstimateSource.LocalAnalysis, estimate.Source);
            Assert.Equal("local-analysis", estimate.RawSource);
            Assert.Equal("true", estimate.VqaPlus!.RawNoAudio);
            var result = Assert.Single(estimate.VqaPlus.DetailedResults);
            Assert.Equal("Blur", result.RawType);
            var item = Assert.Single(result.Items);
            Assert.Equal("3.04", item.RawStartTimeOffset);
            Assert.Equal("5.5", item.RawEndTimeOffset);
            Assert.Equal("87", item.RawConfidence);
            Assert.Equal(new[] { "1", "2", "300", "170" }, item.RawAreaCoordSet);
            Assert.Equal(new[] { 1, 2, 300, 170 }, item.AreaCoordSet);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Probe_without_any_stream_is_unreadable()
    {
        var error = Assert.Throws<MediaUnreadableException>(() => MediaProbe.FromOutput(new FfprobeOutput { Streams = [] }, "x.mp4"));
        Assert.Equal("no video or audio stream", error.FfmpegReason);
    }

    [Fact]
    public void Cover_art_is_not_a_video_stream()
    {
        var probe = MediaProbe.FromOutput(new FfprobeOutput
        {
            Streams =
            [
                new FfprobeStream { Index = 0, CodecType = "audio", CodecName = "mp3" },
                new FfprobeStream { Index = 1, CodecType = "video", CodecName = "mjpeg", Width = 500, Height = 500, Disposition = new() { ["attached_pic"] = 1 } },
            ],
            Format = new FfprobeFormat { Duration = "12.5" },
        }, "song.mp3");

        Assert.False(probe.HasVideo);
        Assert.True(probe.HasAudio);
        Assert.Equal(12.5, probe.DurationSeconds);
    }

    [Fact]
    public void Segments_merge_short_gaps_and_drop_short_runs()
    {
        var samples = new[] { 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0 }
            .Select(t => new FlaggedSample(t, t is >= 1.0 and < 2.0 or >= 2.5 and < 3.0 or >= 4.0, 0.5))
            .ToList();

        var segments = Segmenter.Build(samples, 0.5, 4.5, minSeconds: 1.0, mergeGap: 0.5);

        var segment = Assert.Single(segments);
        Assert.Equal(1.0, segment.Start);
        Assert.Equal(3.0, segment.End);
        Assert.Equal(75, segment.Confidence);
    }
}
