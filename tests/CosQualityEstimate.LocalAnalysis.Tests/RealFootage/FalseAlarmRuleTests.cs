using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Tests.RealFootage;

/// <summary>The false-positive rules of the detectors on hand-made measurements (no ffmpeg): which log lines count for
/// CrashScreen, when the picture confirms them, and when dark picture edges are bars.</summary>
public sealed class FalseAlarmRuleTests
{
    private static readonly LocalAnalysisThresholds Defaults = new();

    [Fact]
    public void Only_the_video_decoder_s_lines_are_kept_audio_and_demuxer_lines_never()
    {
        var log = new DecoderLog("mpeg4");
        log.Add("[Parsed_metadata_7 @ 0x55df0f33b340] frame:0   pts:0   pts_time:0");
        log.Add("[ac3 @ 0x563ca8a7d780] incomplete frame");
        log.Add("Error while decoding stream #0:1: Invalid data found when processing input");
        log.Add("[avi @ 0x55df0f2a0000] Something about the index");
        Assert.Empty(log.ErrorTimes);

        log.Add("[mpeg4 @ 0x56125f40fe00] Video uses a non-standard and wasteful way to store B-frames ('packed B-frames').");
        Assert.Equal(new[] { 0.0 }, log.ErrorTimes);
        var message = Assert.Single(log.Messages);
        Assert.StartsWith("mpeg4: Video uses a non-standard", message.Text);
        Assert.DoesNotContain("0x", message.Text);
    }

    [Fact]
    public void Decoder_info_lines_are_not_messages_warnings_and_errors_are()
    {
        // ffmpeg runs with -loglevel level+info: every AV1 file prints its decoder's version at info.
        var log = new DecoderLog("av1");
        log.Add("[libdav1d @ 0x55bdad861e40] [info] libdav1d 1.0.0");
        log.Add("[Parsed_metadata_2 @ 0x55bdad8c4840] [info] frame:3    pts:1536     pts_time:0.12");
        log.Add("[Parsed_metadata_2 @ 0x55bdad8c4840] [info] lavfi.signalstats.YAVG=122.086");
        log.Add("[libdav1d @ 0x55bdad861e40] [verbose] some detail");
        Assert.Empty(log.ErrorTimes);
        Assert.Empty(log.Messages);

        log.Add("[libdav1d @ 0x55bdad861e40] [error] Error parsing OBU data");
        log.Add("[Parsed_metadata_2 @ 0x55bdad8c4840] [info] frame:4    pts:2048     pts_time:0.16");
        log.Add("[libdav1d @ 0x55bdad861e40] [warning] something recoverable");
        log.Add("[Parsed_metadata_2 @ 0x55bdad8c4840] [info] frame:5    pts:2560     pts_time:0.2");
        log.Add("[libdav1d @ 0x55bdad861e40] [info] concealing 169 DC, 169 AC, 169 MV errors in P frame");

        Assert.Equal(new[] { 0.12, 0.16, 0.2 }, log.ErrorTimes);
        Assert.Equal("libdav1d: Error parsing OBU data", log.Messages[0].Text);
        Assert.Contains("[libdav1d] Error parsing OBU data", log.LastLines.Select(l => l.Replace(" @ 0x55bdad861e40", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_codec_whose_decoder_has_another_name_is_still_recognised()
    {
        var log = new DecoderLog("msmpeg4v3"); // ffmpeg's decoder for MS-MPEG4 v3 is called msmpeg4
        log.Add("[Parsed_metadata_7 @ 0x1] frame:5   pts:5   pts_time:0.5");
        log.Add("[msmpeg4 @ 0x2] ac-tex damaged at 3 4");

        Assert.Equal(new[] { 0.5 }, log.ErrorTimes);
    }

    [Fact]
    public void One_decoder_message_on_an_undamaged_picture_is_a_note_not_a_crash_screen()
    {
        var data = Data(errorTimes: [0.0], ydif: _ => 3);

        Assert.Empty(new CrashScreenDetector().Detect(data, Defaults));
        var note = Assert.Single(new CrashScreenDetector().Notes(data, Defaults));
        Assert.StartsWith("note: the video decoder reported 1 message frame(s) at 0–0 s", note);
        Assert.Contains("non-intra slice", note);
    }

    [Fact]
    public void One_decoder_message_with_a_frame_jumping_away_from_both_neighbours_is_a_crash_screen()
    {
        // The frame at 2.08 s differs from the one before and the one after: a concealment artefact.
        var data = Data(errorTimes: [2.0], ydif: t => Math.Abs(t - 2.08) < 1e-6 || Math.Abs(t - 2.16) < 1e-6 ? 40 : 3);

        var finding = Assert.Single(new CrashScreenDetector().Detect(data, Defaults));
        Assert.Equal(QualityIssueType.CrashScreen, finding.Type);
        Assert.Equal(2.0, finding.Start, 3);
        Assert.Empty(new CrashScreenDetector().Notes(data, Defaults));
    }

    [Fact]
    public void One_decoder_message_with_a_blocky_frame_at_its_time_is_a_crash_screen()
    {
        // Concealed macroblocks: the gray frame at 2.5 s is as blocky as a Mosaic.
        var data = Data(errorTimes: [2.4], ydif: _ => 3, blockiness: t => Math.Abs(t - 2.5) < 1e-6 ? 3.5 : 1.1);

        Assert.Single(new CrashScreenDetector().Detect(data, Defaults));
    }

    [Fact]
    public void A_scene_cut_at_a_decoder_message_is_not_damage()
    {
        // The picture changes once (a cut) and stays: it does not jump back.
        var data = Data(errorTimes: [2.0], ydif: t => Math.Abs(t - 2.08) < 1e-6 ? 60 : 3);

        Assert.Empty(new CrashScreenDetector().Detect(data, Defaults));
    }

    [Fact]
    public void Errors_persisting_over_several_frames_are_a_crash_screen_whatever_the_picture()
    {
        var data = Data(errorTimes: [3.0, 3.08, 3.16, 3.24], ydif: _ => 3);

        var finding = Assert.Single(new CrashScreenDetector().Detect(data, Defaults));
        Assert.Equal(3.0, finding.Start, 3);
        Assert.InRange(finding.End, 3.24, 3.4);
    }

    [Fact]
    public void Dark_picture_edges_for_a_second_are_not_bars()
    {
        // Pillarbox-like crop boxes for 1 s of a 9 s clip (a dark scene's sides), flat in the gray frames: too short.
        var data = Data(errorTimes: [], ydif: _ => 3, crop: t => t is >= 2 and < 3 ? new PixelBox(60, 0, 579, 359) : new PixelBox(0, 0, 639, 359),
            bars: _ => new UniformBars(0, 0, 60, 60));

        Assert.Empty(new EdgeDetector().Detect(data, Defaults));
    }

    [Fact]
    public void Sustained_bars_that_are_not_flat_in_the_picture_are_not_bars()
    {
        // 4 s of crop boxes with dark sides, but the gray frames show texture there (a vignette, a night scene).
        var data = Data(errorTimes: [], ydif: _ => 3, crop: t => t is >= 2 and < 6 ? new PixelBox(60, 0, 579, 359) : new PixelBox(0, 0, 639, 359),
            bars: _ => new UniformBars(0, 0, 0, 0));

        Assert.Empty(new EdgeDetector().Detect(data, Defaults));
    }

    [Fact]
    public void Sustained_flat_bars_of_one_size_are_bars()
    {
        var data = Data(errorTimes: [], ydif: _ => 3, crop: t => t is >= 2 and < 6 ? new PixelBox(60, 0, 579, 359) : new PixelBox(0, 0, 639, 359),
            bars: t => t is >= 2 and < 6 ? new UniformBars(0, 0, 60, 60) : new UniformBars(0, 0, 0, 0));

        var finding = Assert.Single(new EdgeDetector().Detect(data, Defaults));
        Assert.Equal(2.0, finding.Start, 1);
        Assert.Equal(6.0, finding.End, 1);
    }

    [Fact]
    public void A_dim_scene_with_highlights_is_not_low_lighting_an_underexposed_one_is()
    {
        var dimFilm = Data(errorTimes: [], ydif: _ => 3, yavg: 45, yhigh: 120);
        var underexposed = Data(errorTimes: [], ydif: _ => 3, yavg: 45, yhigh: 70);

        Assert.DoesNotContain(new LightingDetector().Detect(dimFilm, Defaults), f => f.Type == QualityIssueType.LowLighting);
        Assert.Contains(new LightingDetector().Detect(underexposed, Defaults), f => f.Type == QualityIssueType.LowLighting);
    }

    [Fact]
    public void A_high_key_scene_is_not_high_lighting_blown_highlights_are()
    {
        var highKey = Data(errorTimes: [], ydif: _ => 3, yavg: 195, yhigh: 207);
        var blown = Data(errorTimes: [], ydif: _ => 3, yavg: 235, yhigh: 252);

        Assert.DoesNotContain(new LightingDetector().Detect(highKey, Defaults), f => f.Type == QualityIssueType.HighLighting);
        Assert.Contains(new LightingDetector().Detect(blown, Defaults), f => f.Type == QualityIssueType.HighLighting);
    }

    [Fact]
    public void Blockiness_for_one_gray_frame_at_a_scene_cut_is_not_a_mosaic()
    {
        var gray = Enumerable.Range(0, 18).Select(i => new GrayFrameMetrics
        {
            Time = i * 0.5,
            NoiseSigma = 0.5,
            Blockiness = i == 6 ? 3.5 : 1.1,
        }).ToList();
        var data = new AnalysisData { DurationSeconds = 9, Gray = gray, GrayWidth = 640, GrayHeight = 360, SourceWidth = 640, SourceHeight = 360 };

        Assert.Empty(new MosaicDetector().Detect(data, Defaults));
    }

    [Theory]
    [InlineData(0.48)] // blurdetect's step at 25 fps
    [InlineData(16 / 30.0)] // at 30 fps: one sample's span alone would pass MinSegmentSeconds
    [InlineData(0.5)] // at 24 fps
    public void One_blurred_sample_is_no_Blur_at_any_rate_and_two_are(double step)
    {
        static AnalysisData Blur(double step, params int[] blurred) => new()
        {
            DurationSeconds = 9,
            HasVideo = true,
            Blur = Enumerable.Range(0, (int)(9 / step)).Select(i => (i * step, blurred.Contains(i) ? 20.0 : 3.0)).ToList(),
        };

        Assert.Empty(new BlurDetector().Detect(Blur(step, 8), Defaults));
        var found = Assert.Single(new BlurDetector().Detect(Blur(step, 8, 9), Defaults));
        Assert.Equal(QualityIssueType.Blur, found.Type);
        Assert.Equal((8 * step) - (step / 2), found.Start, 3); // each value stands for the half step around its frame
        Assert.Equal((10 * step) - (step / 2), found.End, 3);
    }

    /// <summary>9 s at 12.5 analysed frames a second (every 2nd of 25 fps), 640×360, gray frames at 2 fps.</summary>
    private static AnalysisData Data(
        double[] errorTimes, Func<double, double> ydif, Func<double, PixelBox>? crop = null, Func<double, UniformBars>? bars = null,
        double yavg = 110, double yhigh = 180, Func<double, double>? blockiness = null)
    {
        var video = Enumerable.Range(0, 113).Select(i => i * 0.08).Select(t => new VideoSample(
            t, yavg, 100, 40, 40, crop?.Invoke(t) ?? new PixelBox(0, 0, 639, 359), new PixelBox(0, 0, 639, 359))
        {
            YLow = 20,
            YHigh = yhigh,
            YDif = ydif(t),
        }).ToList();
        var gray = Enumerable.Range(0, 18).Select(i => new GrayFrameMetrics
        {
            Time = i * 0.5,
            NoiseSigma = 0.5,
            Blockiness = blockiness?.Invoke(i * 0.5) ?? 1.1,
            Bars = bars?.Invoke(i * 0.5) ?? default,
        }).ToList();
        return new AnalysisData
        {
            DurationSeconds = 9,
            HasVideo = true,
            SourceWidth = 640,
            SourceHeight = 360,
            AnalysisWidth = 640,
            AnalysisHeight = 360,
            GrayWidth = 640,
            GrayHeight = 360,
            Video = video,
            Gray = gray,
            DecoderErrorTimes = errorTimes,
            DecoderMessages = errorTimes.Select(t => new DecoderMessage(t, "h264: A non-intra slice in an IDR NAL unit.")).ToList(),
        };
    }
}
