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
    private static IEnumerable<string> Fixture(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Quantizers", name));

    [Fact]
    public void Lines_of_a_second_trace_headers_address_make_the_qp_unreadable()
    {
        // The graph runs one trace_headers instance; a metadata key or file name printed raw can start a line with the
        // prefix but cannot know the instance's heap address. Injected lines (another address) in the middle of a
        // real trace — as when an output's dump re-prints copied metadata — leave no QP at all.
        var lines = Fixture("h264-abr-2slices.log").ToList();
        var middle = lines.FindIndex(l => l.Contains("Packet: ", StringComparison.Ordinal) && !l.Contains("pts 0,", StringComparison.Ordinal));
        Assert.True(middle > 0);
        const string Fake = "[trace_headers @ 0x1] [info] ";
        lines.InsertRange(middle, [
            "[info]     x",
            Fake + "Packet: 1 bytes, pts 0, dts 0.",
            Fake + "Slice Header",
            Fake + "16          pic_parameter_set_id                                        1 = 0",
            Fake + "30          slice_qp_delta                                      000010110 = -20",
            "z: v",
        ]);

        var log = new DecoderLog("h264", TimeBase);
        lines.ForEach(log.Add);
        log.Complete();
        Assert.Empty(log.Quantizers);

        // Without the injected lines the same trace is read (the test above); a single address at another level is no
        // second context either.
        var clean = new DecoderLog("h264", TimeBase);
        foreach (var line in Fixture("h264-abr-2slices.log"))
        {
            clean.Add(line);
        }

        clean.Complete();
        Assert.Equal(6, clean.Quantizers.Count);
    }

    [Fact]
    public void A_metadata_key_with_newlines_printed_before_the_real_trace_makes_the_qp_unreadable()
    {
        // ffmpeg 5.1 prints a key raw ("%s  %-16s: "): a key "x\n[trace_headers @ 0x1] [info] 18 pic_init_qp_minus26 1 = -20\nz"
        // starts a line with the prefix in the input's dump, before the filter's first line (captured shape; the mkv
        // muxer upper-cases keys and -metadata cannot put '=' in a key, so a hostile file is needed for this exact line).
        var log = new DecoderLog("h264", TimeBase);
        log.Add("[info]   Metadata:");
        log.Add("[info]     x");
        log.Add("[trace_headers @ 0x1] [info] 18          pic_init_qp_minus26                                         1 = -20");
        log.Add("z               : v");
        foreach (var line in Fixture("h264-abr-2slices.log"))
        {
            log.Add(line);
        }

        log.Complete();
        Assert.Empty(log.Quantizers);
    }

    [Fact]
    public void A_pps_with_an_out_of_range_initial_qp_clears_the_value_of_its_id()
    {
        var log = new DecoderLog("h264", TimeBase);
        const string T = "[trace_headers @ 0x5574bb9d9940] [info] ";
        log.Add(T + "Picture Parameter Set");
        log.Add(T + "8           pic_parameter_set_id                                        1 = 0");
        log.Add(T + "18          pic_init_qp_minus26                                         1 = 0");
        log.Add(T + "Picture Parameter Set");
        log.Add(T + "8           pic_parameter_set_id                                        1 = 0");
        log.Add(T + "18          pic_init_qp_minus26                                         1 = 99"); // out of range
        log.Add(T + "Packet: 4834 bytes, key frame, pts 0, dts 0, duration 512.");
        log.Add(T + "Slice Header");
        log.Add(T + "16          pic_parameter_set_id                                        1 = 0");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 5");
        log.Complete();
        Assert.Empty(log.Quantizers); // not 31 from the first PPS
    }

    [Fact]
    public void Interlaced_h264_weights_its_slices_equally()
    {
        // frame_mbs_only_flag 0: under MBAFF first_mb_in_slice counts macroblock pairs (a field picture covers half the
        // map units), so the addresses are not spans of the frame's macroblocks; the frame's QP is the plain mean.
        var log = new DecoderLog("h264", TimeBase);
        const string T = "[trace_headers @ 0x5574bb9d9940] [info] ";
        log.Add(T + "Sequence Parameter Set");
        log.Add(T + "70          pic_width_in_mbs_minus1                               0000101000 = 39");
        log.Add(T + "80          pic_height_in_map_units_minus1                          0001100 = 11");
        log.Add(T + "87          frame_mbs_only_flag                                           0 = 0");
        log.Add(T + "Picture Parameter Set");
        log.Add(T + "8           pic_parameter_set_id                                        1 = 0");
        log.Add(T + "18          pic_init_qp_minus26                                         1 = 0");
        log.Add(T + "Packet: 4834 bytes, key frame, pts 0, dts 0, duration 512.");
        log.Add(T + "Slice Header");
        log.Add(T + "0           first_mb_in_slice                                           1 = 0");
        log.Add(T + "16          pic_parameter_set_id                                        1 = 0");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 10");
        log.Add(T + "Slice Header");
        log.Add(T + "0           first_mb_in_slice                                   00000111100 = 400"); // pairs: near the end
        log.Add(T + "16          pic_parameter_set_id                                        1 = 0");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 0");
        log.Complete();
        Assert.Equal(31, Assert.Single(log.Quantizers).Qp, 9);
    }

    [Fact]
    public void Hevc_slice_segments_with_different_deltas_are_weighted_by_their_coding_tree_blocks()
    {
        // The HEVC fixture's segments carry equal deltas; here 640x368 with 32-px CTBs (20 x 12 = 240 CTBs), segments at
        // 0 (60 CTBs, QP 40) and 60 (180 CTBs, QP 30): (60 × 40 + 180 × 30) / 240 = 32.5, not the plain mean 35.
        var log = new DecoderLog("hevc", TimeBase);
        const string T = "[trace_headers @ 0x5574bb9d9940] [info] ";
        log.Add(T + "Sequence Parameter Set");
        log.Add(T + "100         pic_width_in_luma_samples                     00000101000000001 = 640");
        log.Add(T + "120         pic_height_in_luma_samples                    00000101110000001 = 368");
        log.Add(T + "140         log2_min_luma_coding_block_size_minus3                      010 = 1");
        log.Add(T + "143         log2_diff_max_min_luma_coding_block_size                    010 = 1");
        log.Add(T + "Picture Parameter Set");
        log.Add(T + "16          pps_pic_parameter_set_id                                    1 = 0");
        log.Add(T + "30          init_qp_minus26                                             1 = 0");
        log.Add(T + "Packet: 4834 bytes, key frame, pts 0, dts 0, duration 512.");
        log.Add(T + "Slice Segment Header");
        log.Add(T + "17          slice_pic_parameter_set_id                                  1 = 0");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 14");
        log.Add(T + "Slice Segment Header");
        log.Add(T + "17          slice_pic_parameter_set_id                                  1 = 0");
        log.Add(T + "20          slice_segment_address                                 00111100 = 60");
        log.Add(T + "30          slice_qp_delta                                      000010110 = 4");
        log.Complete();
        Assert.Equal(32.5, Assert.Single(log.Quantizers).Qp, 9);
    }
}
