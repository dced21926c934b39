using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// The one ffmpeg command of an analysis: one decode, every filter in one <c>-filter_complex</c> graph. Metadata goes
/// to files with bare names in the working directory (no path escaping in filter arguments), the per-frame luma key
/// goes to the log (to place decoder errors in time), and the 2 fps gray frames go to stdout, their presentation times
/// to <see cref="GrayTimesFile"/> (and those of the frames vidstabdetect sees to <see cref="MotionTimesFile"/>).
/// Speed (docs/performance.md): each branch thins the frames BEFORE it scales them. The statistics (signalstats,
/// cropdetect, blackdetect) see every <see cref="StatisticsFrameStep"/>-th frame (about
/// <see cref="StatisticsFramesPerSecond"/> a second, enough for spans of half a second and more); blurdetect, the most
/// expensive filter, sees every <see cref="BlurFrameStep"/>-th of those (about <see cref="BlurFramesPerSecond"/> a
/// second); vidstabdetect sees every frame (its threshold is per frame-to-frame motion) at
/// <see cref="MotionWidth"/> px, scaled straight from the source with the fast bilinear scaler; the gray frames are taken at
/// <see cref="Frames.FrameWorker.FramesPerSecond"/> before they are scaled. For H.264 and HEVC a further output copies
/// the video stream (no decode) through the <c>trace_headers</c> bitstream filter to a null muxer: every slice header
/// goes to the log, where <see cref="QuantizerLog"/> reads each frame's slice QP (<see cref="TracesSliceHeaders"/>).
/// </summary>
internal sealed class AnalysisGraph
{
    public const string VideoMetadataFile = "v.txt";
    public const string WhiteEdgeMetadataFile = "vw.txt";
    public const string BlurMetadataFile = "vb.txt";
    public const string AudioMetadataFile = "a.txt";
    public const string ClippingMetadataFile = "ac.txt";
    public const string MotionFile = "t.trf";

    /// <summary>The presentation time of each gray frame, in the order they reach stdout (<see cref="Stamp"/>).</summary>
    public const string GrayTimesFile = "g.txt";

    /// <summary>The presentation time of each frame vidstabdetect sees, in the order of its <c>.trf</c> file's frames.</summary>
    public const string MotionTimesFile = "tm.txt";

    /// <summary>Width of the picture vidstabdetect sees (speed: a quarter of the pixels of <see cref="MotionReferenceWidth"/>).</summary>
    public const int MotionWidth = 240;

    /// <summary>The width the Jitter threshold's pixels are counted at: measured motion is scaled by
    /// <see cref="MotionScale"/> to it, so <see cref="LocalAnalysisThresholds.JitterRmsPixels"/> keeps its meaning.</summary>
    public const int MotionReferenceWidth = 320;

    /// <summary>Factor from vidstabdetect's pixels (at <see cref="MotionWidth"/>) to pixels at <see cref="MotionReferenceWidth"/>.</summary>
    public const double MotionScale = (double)MotionReferenceWidth / MotionWidth;

    /// <summary>About how many frames a second the statistics filters see (the one value <see cref="StatisticsFrameStep"/> is derived from).</summary>
    public const double StatisticsFramesPerSecond = 4;

    /// <summary>About how many frames a second blurdetect sees (the one value <see cref="BlurFrameStep"/> is derived from).</summary>
    public const double BlurFramesPerSecond = 2;

    /// <summary>The statistics' frame step when ffprobe does not know the frame rate.</summary>
    public const int DefaultStatisticsFrameStep = 2;

    /// <summary>The audio is resampled to this rate (Hz) before it is cut into windows.</summary>
    public const int AudioSampleRate = 48000;

    /// <summary>The video codecs whose slice headers carry a QP the analysis reads (ffprobe's codec_name).</summary>
    public static readonly string[] SliceQpCodecs = ["h264", "hevc"];

    private AnalysisGraph(MediaProbe probe, LocalAnalysisThresholds thresholds, bool withMotion, bool traceSliceHeaders)
    {
        HasVideo = probe.HasVideo;
        TracesSliceHeaders = traceSliceHeaders && probe.HasVideo && SliceQpCodecs.Contains(probe.VideoCodec);
        HasAudio = probe.HasAudio;
        WithMotion = withMotion && probe.HasVideo;
        if (probe.HasVideo)
        {
            (AnalysisWidth, AnalysisHeight) = Fit(probe.Width, probe.Height, thresholds.Plan.AnalysisMaxWidth);
            (GrayWidth, GrayHeight) = Fit(probe.Width, probe.Height, thresholds.Plan.GrayFrameMaxWidth);
        }

        StatisticsFrameStep = probe.FramesPerSecond > 0
            ? Math.Max(1, (int)Math.Round(probe.FramesPerSecond / StatisticsFramesPerSecond))
            : DefaultStatisticsFrameStep;
        var statisticsRate = probe.FramesPerSecond > 0 ? probe.FramesPerSecond / StatisticsFrameStep : 2 * BlurFramesPerSecond;
        BlurFrameStep = Math.Max(1, (int)Math.Round(statisticsRate / BlurFramesPerSecond));
        AudioWindowSamples = Math.Max(1, (int)Math.Round(AudioSampleRate * thresholds.Plan.AudioWindowSeconds));
    }

    /// <summary>The statistics filters see every this-many-th decoded frame (derived from the source's frame rate and
    /// <see cref="StatisticsFramesPerSecond"/>).</summary>
    public int StatisticsFrameStep { get; }

    /// <summary>blurdetect sees every this-many-th frame of the statistics branch.</summary>
    public int BlurFrameStep { get; }

    /// <summary>Samples per audio window: <see cref="AnalysisPlan.AudioWindowSeconds"/> at <see cref="AudioSampleRate"/>.</summary>
    public int AudioWindowSamples { get; }

    public bool HasVideo { get; }

    public bool HasAudio { get; }

    public bool WithMotion { get; }

    /// <summary>Whether the command has the stream-copy output whose <c>trace_headers</c> filter prints the slice
    /// headers (H.264 and HEVC; <see cref="SliceQpCodecs"/>).</summary>
    public bool TracesSliceHeaders { get; }

    public int AnalysisWidth { get; }

    public int AnalysisHeight { get; }

    public int GrayWidth { get; }

    public int GrayHeight { get; }

    public IReadOnlyList<string> Arguments { get; private set; } = [];

    public static AnalysisGraph Build(MediaProbe probe, string inputUrl, LocalAnalysisThresholds thresholds, bool withMotion, bool traceSliceHeaders = true)
    {
        var graph = new AnalysisGraph(probe, thresholds, withMotion, traceSliceHeaders);
        graph.Arguments = graph.BuildArguments(inputUrl, thresholds);
        return graph;
    }

    /// <summary>Scales (width, height) down to at most <paramref name="maxWidth"/> wide, keeping the aspect, both even
    /// and at least 2 (a 1-pixel side never becomes 0).</summary>
    internal static (int Width, int Height) Fit(int width, int height, int maxWidth)
    {
        if (width <= maxWidth)
        {
            return (Even(width), Even(height));
        }

        var h = (int)Math.Round(height * (double)maxWidth / width);
        return (Even(maxWidth), Even(h));
    }

    private static int Even(int value) => Math.Max(2, value & ~1);

    /// <summary>
    /// Filters that write each frame's presentation time (<c>pts_time</c>) to <paramref name="file"/>: the frames of a
    /// branch carry no metadata of their own, and <c>metadata=print</c> prints only frames that have some, so one key is
    /// added first. Variable-frame-rate footage is timed by these, not by its index at a constant rate.
    /// </summary>
    internal static string Stamp(string file) => $"metadata=mode=add:key=cosqe.pts:value=1,metadata=print:file={file}";

    private List<string> BuildArguments(string inputUrl, LocalAnalysisThresholds t)
    {
        var parts = new List<string>();
        var maps = new List<string>();
        if (HasVideo)
        {
            var step = I(StatisticsFrameStep);
            parts.Add(WithMotion ? "[0:v:0]split=3[vs][vfull][vm]" : "[0:v:0]split=2[vs][vfull]");
            parts.Add($"[vs]framestep={step},scale={AnalysisWidth}:{AnalysisHeight},format=yuv420p,split=3[m0][m1][mb]");
            parts.Add($"[mb]framestep={I(BlurFrameStep)},blurdetect,metadata=print:file={BlurMetadataFile}[ob]");
            parts.Add(
                $"[m0]signalstats,cropdetect=limit={I(t.Plan.EdgeCropLimit)}:round=2:reset=1,blackdetect=d={I(t.Plan.BlackMinSeconds)}:pix_th={I(t.Plan.BlackPixelThreshold)}," +
                $"metadata=print:file={VideoMetadataFile},metadata=print:key=lavfi.signalstats.YAVG[o0]");
            parts.Add($"[m1]negate,cropdetect=limit={I(t.Plan.EdgeCropLimit)}:round=2:reset=1,metadata=print:file={WhiteEdgeMetadataFile}[o1]");
            maps.AddRange(["-map", "[ob]", "-f", "null", "-", "-map", "[o0]", "-f", "null", "-", "-map", "[o1]", "-f", "null", "-"]);
            if (WithMotion)
            {
                parts.Add($"[vm]{Stamp(MotionTimesFile)},scale={MotionWidth}:-2:flags=fast_bilinear,format=yuv420p,vidstabdetect=result={MotionFile}:shakiness={I(t.Plan.MotionShakiness)}:accuracy={I(t.Plan.MotionAccuracy)}:show=0[om]");
                maps.AddRange(["-map", "[om]", "-f", "null", "-"]);
            }

            // fps before scale: only 2 frames a second are converted. Each frame's time goes to GrayTimesFile, and the
            // output passes the frames through as they are (no frame duplicated or dropped to make a constant rate),
            // so the n-th frame on stdout is the n-th time in that file.
            parts.Add($"[vfull]fps={I(Frames.FrameWorker.FramesPerSecond)},{Stamp(GrayTimesFile)},scale={GrayWidth}:{GrayHeight},format=gray[g]");
            maps.AddRange(["-map", "[g]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]);
            if (TracesSliceHeaders)
            {
                // The coded stream as it is (no decode): trace_headers prints every parameter set and slice header to
                // the log (QuantizerLog keeps one (time, QP) pair per frame, never the lines).
                maps.AddRange(["-map", "0:v:0", "-c:v", "copy", "-bsf:v", "trace_headers", "-f", "null", "-"]);
            }
        }

        if (HasAudio)
        {
            parts.Add($"[0:a:0]aresample={I(AudioSampleRate)},aformat=sample_fmts=fltp,asetnsamples=n={I(AudioWindowSamples)}:p=0,asplit=2[a0][a1]");
            parts.Add(
                "[a0]astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=Peak_level+RMS_level," +
                $"silencedetect=n={I(t.SilenceLevelDb)}dB:d={I(t.SilenceMinSeconds)},ametadata=print:file={AudioMetadataFile}[ao0]");
            parts.Add(
                $"[a1]aeval=exprs=gte(abs(val(ch))\\,{I(t.Plan.ClipSampleLevel)}):channel_layout=same," +
                $"astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=DC_offset,ametadata=print:file={ClippingMetadataFile}[ao1]");
            maps.AddRange(["-map", "[ao0]", "-f", "null", "-", "-map", "[ao1]", "-f", "null", "-"]);
        }

        var arguments = new List<string>
        {
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "level+info", "-noautorotate", "-i", inputUrl,
            // Speed (docs/performance.md): the filters work on small, thinned pictures, where slice threading costs more in
            // hand-offs than it gains (measured: 0.2 s less wall and CPU on a 30 s 720p clip with one filter thread).
            "-filter_complex_threads", "1",
            "-filter_complex", string.Join(";", parts),
        };
        arguments.AddRange(maps);
        return arguments;
    }

    private static string I(double value) => value.ToString(CultureInfo.InvariantCulture);
}
