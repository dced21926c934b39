using CosQualityEstimate.LocalAnalysis.Frames;

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

/// <summary>Everything one ffmpeg pass (plus our frame worker) measured; the detectors only read this.</summary>
internal sealed class AnalysisData
{
    public required double DurationSeconds { get; init; }

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

    /// <summary>Our measurements of the 2 fps gray frames.</summary>
    public IReadOnlyList<GrayFrameMetrics> Gray { get; init; } = [];

    /// <summary>Times of frames around which the video decoder printed messages (errors or warnings); only the
    /// video stream's decoder counts.</summary>
    public IReadOnlyCollection<double> DecoderErrorTimes { get; init; } = [];

    /// <summary>The first few video decoder messages verbatim (bounded), for notes.</summary>
    public IReadOnlyList<DecoderMessage> DecoderMessages { get; init; } = [];

    /// <summary>Per-frame motion in pixels at <see cref="Ffmpeg.AnalysisGraph.MotionReferenceWidth"/> px width (measured
    /// at <see cref="Ffmpeg.AnalysisGraph.MotionWidth"/> px and scaled), with the frame's time;
    /// <c>null</c> when vidstabdetect did not run.</summary>
    public IReadOnlyList<(double Time, double Dx, double Dy)>? Motion { get; init; }

    public IReadOnlyList<AudioWindow> Audio { get; init; } = [];

    /// <summary>silencedetect's silent spans.</summary>
    public IReadOnlyList<TimeSpanSeconds> Silences { get; init; } = [];

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
}
