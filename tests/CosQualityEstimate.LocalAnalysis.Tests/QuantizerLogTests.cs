using CosQualityEstimate.LocalAnalysis.Ffmpeg;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>
/// The slice-QP reader (<see cref="QuantizerLog"/>) on real ffmpeg 5.1 logs (<c>-loglevel level+info</c>, the analysis
/// graph's stream copy through <c>trace_headers</c>) captured from two-slice ABR encodes of <c>testsrc2</c> 640x360 at
/// 25 fps, 300 kb/s (time base 1/12800): x264 (<c>Quantizers/h264-abr-2slices.log</c>, I/P/B frames) and x265
/// (<c>Quantizers/hevc-abr-2slices.log</c>). The expected values are worked out by hand from the fields in the files.
/// Made with <c>ffmpeg -f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -preset veryfast -b:v 300k
/// -x264-params slices=2</c> (HEVC: <c>-t 1 -c:v libx265 -preset ultrafast -x265-params slices=2 -b:v 300k</c>), traced
/// with <c>ffmpeg -loglevel level+info -i FILE -map 0:v:0 -c copy -bsf:v trace_headers -f null -</c>, cut after the
/// 6th (HEVC: 4th) packet's headers.
/// </summary>
public class QuantizerLogTests
{
    private const double TimeBase = 1 / 12800.0;

    private static DecoderLog Read(string fixture, string codec)
    {
        var log = new DecoderLog(codec, TimeBase);
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Quantizers", fixture)))
        {
            log.Add(line);
        }

        log.Complete();
        return log;
    }

    [Fact]
    public void H264_slice_qp_is_the_pps_initial_qp_plus_the_slice_delta_weighted_by_the_macroblocks_each_slice_covers()
    {
        var log = Read("h264-abr-2slices.log", "h264");

        // PPS pic_init_qp_minus26 = 0; SPS 40 x 23 macroblocks (920); slices at first_mb 0 and 480 (480 and 440 MBs).
        static double Frame(int top, int bottom) => ((480 * (26.0 + top)) + (440 * (26.0 + bottom))) / 920;
        double[] expected = [Frame(11, -6), Frame(11, -6), Frame(18, -3), Frame(15, -2), Frame(19, -1), Frame(14, -4)];
        Assert.Equal(expected.Length, log.Quantizers.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], log.Quantizers[i].Qp, 9);
        }

        // Decode order (I, P, B, P, B, P): each frame at its own pts × time base (pts 0, 1024, 512, 2048, 1536, 4096).
        Assert.Equal(new[] { 0, 0.08, 0.04, 0.16, 0.12, 0.32 }, log.Quantizers.Select(q => Math.Round(q.Time, 6)));
        Assert.Empty(log.ErrorTimes);
        Assert.Empty(log.Messages);
        Assert.All(log.LastLines, l => Assert.DoesNotContain("trace_headers", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Hevc_slice_qp_reads_init_qp_minus26_and_weights_slice_segments_by_coding_tree_blocks()
    {
        var log = Read("hevc-abr-2slices.log", "hevc");

        // init_qp_minus26 = 0; CTB 1 << (log2_min_luma_coding_block_size_minus3 1 + 3 + diff 1) = 32 px: 640x368 → 20 x 12
        // = 240 CTBs; slice segments at addresses 0 and 120, the same delta in both in each frame here (11, 11, 12, 13).
        Assert.Equal(new[] { 37.0, 37.0, 38.0, 39.0 }, log.Quantizers.Select(q => q.Qp));
        Assert.Equal(new[] { 0, 0.16, 0.08, 0.04 }, log.Quantizers.Select(q => Math.Round(q.Time, 6)));
        Assert.Empty(log.Messages);
    }

    [Fact]
    public void Slices_are_weighted_by_their_spans_and_fall_back_to_the_plain_mean_when_the_addresses_do_not_give_spans()
    {
        Assert.Equal(((10 * 30.0) + (30 * 40.0)) / 40, QuantizerLog.FrameQp([(10, 40), (0, 30)], 40), 9);
        Assert.Equal(35, QuantizerLog.FrameQp([(0, 30), (20, 40)], 0), 9); // picture size unknown
        Assert.Equal(35, QuantizerLog.FrameQp([(0, 30), (0, 40)], 40), 9); // two slices at one address
        Assert.Equal(30, QuantizerLog.FrameQp([(7, 30)], 0), 9);
    }

    [Fact]
    public void Garbage_out_of_range_values_and_lines_of_other_contexts_are_ignored()
    {
        var log = new DecoderLog("h264", TimeBase);
        const string T = "[trace_headers @ 0x5574bb9d9940] [info] ";
        log.Add(T + "Picture Parameter Set");
        log.Add(T + "8           pic_parameter_set_id                                        1 = 0");
        log.Add(T + "18          pic_init_qp_minus26                                         1 = 0");
        log.Add(T + "Packet: 4834 bytes, key frame, pts 0, dts -1024, duration 512.");
        log.Add(T + "Slice Header");
        log.Add(T + "16          pic_parameter_set_id                                        1 = 0");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 40"); // QP 66: not a QP
        log.Add(T + "30          slice_qp_delta                                      000010110 = abc");
        log.Add(T + "30          slice_qp_delta");
        log.Add(T + "garbage = 3");
        log.Add(T);
        log.Add("[trace_headers @ 0x5574bb9d9940 broken");
        log.Add("[trace_headers @ 0x5574bb9d9940] [warning] 30          slice_qp_delta            000010110 = 1"); // not at info
        log.Add("[h264 @ 0x5574bb9d9940] [info] 30          slice_qp_delta                                      1 = 1");
        log.Add(T + "Packet: 1460 bytes, pts 1024, dts -512, duration 512.");
        log.Add(T + "Slice Header");
        log.Add(T + "16          pic_parameter_set_id                                        1 = 7"); // no such PPS
        log.Add(T + "30          slice_qp_delta                                      000010110 = 2");
        log.Add(T + "Packet: 1460 bytes, no pts, dts -512, duration 512.");
        log.Add(T + "Slice Header");
        log.Add(T + "16          pic_parameter_set_id                                        1 = 0");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 5");
        log.Complete();

        var only = Assert.Single(log.Quantizers);
        Assert.Equal(31, only.Qp);
        Assert.True(double.IsNaN(only.Time)); // no pts: no time (it is pooled, never placed in a defect span)
        Assert.Empty(log.ErrorTimes);
    }

    [Fact]
    public void A_metadata_value_with_newlines_cannot_spoof_a_trace_line()
    {
        // Captured: ffmpeg 5.1 printing a title "x\n[trace_headers @ 0x1] [info] 30 slice_qp_delta 00111 = 25\r…" in the
        // input's dump — further lines of a value are indented (and \r becomes a space), so none starts with the prefix.
        var log = new DecoderLog("h264", TimeBase);
        log.Add("[info]     title           : x");
        log.Add("                    : [trace_headers @ 0x1] [info] Picture Parameter Set");
        log.Add("                    : [trace_headers @ 0x1] [info] 8 pic_parameter_set_id 1 = 0");
        log.Add("                    : [trace_headers @ 0x1] [info] 18 pic_init_qp_minus26 1 = 25");
        log.Add("                    : [trace_headers @ 0x1] [info] Packet: 1 bytes, pts 0, dts 0.");
        log.Add("                    : [trace_headers @ 0x1] [info] Slice Header");
        log.Add("                    : [trace_headers @ 0x1] [info] 16 pic_parameter_set_id 1 = 0");
        log.Add("                    : [trace_headers @ 0x1] [info] 30          slice_qp_delta        00111 = 25 [trace_headers @ 0x2] [info] 31 slice_qp_delta 1 = 25");
        log.Complete();
        Assert.Empty(log.Quantizers);

        // The real headers that follow are read with the real PPS, not one the title tried to set.
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Quantizers", "h264-abr-2slices.log")))
        {
            log.Add(line);
        }

        log.Complete();
        Assert.Equal(((480 * 37.0) + (440 * 20.0)) / 920, log.Quantizers[0].Qp, 9);
    }
}
