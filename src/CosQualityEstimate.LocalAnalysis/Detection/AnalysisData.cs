
namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>One analysed video frame (analysis branch): luma/chroma statistics (<c>signalstats</c>: mean, 10th and
/// 90th luma percentile, 10th–90th percentile spreads, mean absolute luma difference to the previous analysed frame)
/// and the two crop boxes.</summary>
internal readonly record struct VideoSample(
    double Time,
    double YAvg,
    double YSpread,
    double USpread,
    double VSpread,
    PixelBox? BlackCrop,
    PixelBox? WhiteCrop)
{
    /// <summary>10th percentile of luma (signalstats YLOW); <c>NaN</c> when not measured.</summary>
    public double YLow { get; init; } = double.NaN;

    /// <summary>90th percentile of luma (signalstats YHIGH); <c>NaN</c> when not measured.</summary>
    public double YHigh { get; init; } = double.NaN;

    /// <summary>Mean absolute luma difference to the previous analysed frame (signalstats YDIF); <c>NaN</c> when not measured.</summary>
    public double YDif { get; init; } = double.NaN;
}

/// <summary>One 100 ms audio window: RMS and peak level (dBFS) and the share of clipped samples.</summary>
internal readonly record struct AudioWindow(double Time, double RmsDb, double PeakDb, double ClippedShare);

/// <summary>A time span in seconds, end exclusive.</summary>
internal readonly record struct TimeSpanSeconds(double Start, double End)
{
    public double Length => End - Start;
}

/// <summary>
/// Everything one ffmpeg pass (plus our frame worker) measured; the detectors only read this. Each series is timed by
/// its samples' presentation times and carries its own sample interval (the seconds one sample stands for), set by
/// whoever measured it: the detectors know nothing of the graph's rates.
/// </summary>
internal sealed class AnalysisData
{
    private readonly double? _videoInterval;
    private readonly double? _blurInterval;
    private readonly double? _grayInterval;
    private readonly double? _codeInterval;
    private readonly double? _motionInterval;
    private readonly double? _audioInterval;

    public required double DurationSeconds { get; init; }

    /// <summary>The first run's slice-header trace was refused by ffmpeg's bitstream filter, so the analysis ran again
    /// without it and no QP was read (the no-QP model variant scores the stream).</summary>
    public bool SliceHeaderTraceRefused { get; init; }

    public bool HasVideo { get; init; }

    public bool HasAudio { get; init; }

    public int SourceWidth { get; init; }

    public int SourceHeight { get; init; }

    /// <summary>The video stream's bit rate from ffprobe, bit/s; 0 when unknown.</summary>
    public double VideoBitRate { get; init; }

    /// <summary>The video codec's name from ffprobe (e.g. <c>h264</c>).</summary>
    public string? VideoCodec { get; init; }

    /// <summary>The video's average frame rate from ffprobe; 0 when unknown.</summary>
    public double FramesPerSecond { get; init; }

    public int AnalysisWidth { get; init; }

    public int AnalysisHeight { get; init; }

    public int GrayWidth { get; init; }

    public int GrayHeight { get; init; }

    /// <summary>Per analysed frame, in order.</summary>
    public IReadOnlyList<VideoSample> Video { get; init; } = [];

    /// <summary>blackdetect's black spans.</summary>
    public IReadOnlyList<TimeSpanSeconds> BlackSpans { get; init; } = [];

    /// <summary>blurdetect on every 2nd frame: (time, value).</summary>
    public IReadOnlyList<(double Time, double Value)> Blur { get; init; } = [];

    /// <summary>Every frame's slice-header QP (H.264/HEVC scale, 0–51; <see cref="Ffmpeg.QuantizerLog"/>): (time, QP);
    /// empty for other codecs or when the slice headers could not be read.</summary>
    public IReadOnlyList<(double Time, double Qp)> Quantizers { get; init; } = [];

    /// <summary>Our measurements of the 2 fps gray frames.</summary>
    public IReadOnlyList<GrayFrameMetrics> Gray { get; init; } = [];

    /// <summary>Times of frames around which the video decoder printed messages (errors or warnings); only the
    /// video stream's decoder counts.</summary>
    public IReadOnlyCollection<double> DecoderErrorTimes { get; init; } = [];

    /// <summary>The first few video decoder messages verbatim (bounded), for notes.</summary>
    public IReadOnlyList<DecoderMessage> DecoderMessages { get; init; } = [];

    /// <summary>Per-frame motion in pixels at 320 px width (the Jitter threshold's reference; measured smaller and
    /// scaled), with the frame's presentation time; <c>null</c> when vidstabdetect did not run.</summary>
    public IReadOnlyList<(double Time, double Dx, double Dy)>? Motion { get; init; }

    public IReadOnlyList<AudioWindow> Audio { get; init; } = [];

    /// <summary>silencedetect's silent spans.</summary>
    public IReadOnlyList<TimeSpanSeconds> Silences { get; init; } = [];

    /// <summary>Seconds one <see cref="Video"/> sample stands for; unless set, the median spacing of their times.</summary>
    public double VideoInterval
    {
        get => _videoInterval ?? Spacing(Video.Select(v => v.Time));
        init => _videoInterval = value;
    }

    /// <summary>Seconds one <see cref="Blur"/> sample stands for; unless set, the median spacing of their times.</summary>
    public double BlurInterval
    {
        get => _blurInterval ?? Spacing(Blur.Select(b => b.Time));
        init => _blurInterval = value;
    }

    /// <summary>Seconds one <see cref="Gray"/> frame stands for; unless set, the median spacing of their times.</summary>
    public double GrayInterval
    {
        get => _grayInterval ?? Spacing(Gray.Select(g => g.Time));
        init => _grayInterval = value;
    }

    /// <summary>Seconds one code reading (the <see cref="Gray"/> frames with <see cref="GrayFrameMetrics.CodesRead"/>)
    /// stands for; unless set, the median spacing of their times.</summary>
    public double CodeInterval
    {
        get => _codeInterval ?? Spacing(Gray.Where(g => g.CodesRead).Select(g => g.Time));
        init => _codeInterval = value;
    }

    /// <summary>Seconds one <see cref="Motion"/> sample stands for; unless set, the median spacing of their times.</summary>
    public double MotionInterval
    {
        get => _motionInterval ?? Spacing((Motion ?? []).Select(m => m.Time));
        init => _motionInterval = value;
    }

    /// <summary>Seconds one <see cref="Audio"/> window stands for (its length); unless set, the median spacing of their times.</summary>
    public double AudioInterval
    {
        get => _audioInterval ?? Spacing(Audio.Select(a => a.Time));
        init => _audioInterval = value;
    }

    /// <summary>Source pixels per analysis pixel.</summary>
    public double AnalysisToSource => AnalysisWidth == 0 ? 1 : (double)SourceWidth / AnalysisWidth;

    /// <summary>Source pixels per gray-frame pixel.</summary>
    public double GrayToSource => GrayWidth == 0 ? 1 : (double)SourceWidth / GrayWidth;

    /// <summary>The median spacing of <paramref name="times"/>, or <paramref name="fallback"/> with fewer than two.</summary>
    public static double Step(IEnumerable<double> times, double fallback)
    {
        var list = times.ToList();
        if (list.Count < 2)
        {
            return fallback;
        }

        var gaps = list.Zip(list.Skip(1), (a, b) => b - a).Where(g => g > 0).OrderBy(g => g).ToList();
        return gaps.Count == 0 ? fallback : gaps[gaps.Count / 2];
    }

    /// <summary>A series measured without its interval: the median spacing of its times; with fewer than two samples
    /// the one sample stands for the whole clip (a short clip), and an empty series for nothing.</summary>
    private double Spacing(IEnumerable<double> times) => Step(times, DurationSeconds > 0 ? DurationSeconds : 1);
}
