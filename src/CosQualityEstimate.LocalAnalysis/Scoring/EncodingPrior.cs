namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>
/// The encoding prior's inputs from ffprobe: bits per pixel per frame with a codec factor, the coded height against a
/// 1080-line viewing reference, the frame rate (the <i>form</i> of ITU-T P.1203 mode 0 — log bits per pixel, scaling,
/// frame rate — with our own fitted weights; no code of the recommendation is used). A bit-rate prior alone calls a
/// noisy clip excellent (noise costs bits): the prior only adds to what the pictures show, it never replaces it.
/// </summary>
internal static class EncodingPrior
{
    /// <summary>The viewing reference: lines of a 1080p display; fewer coded lines are scaled up to it and look soft.</summary>
    public const int ReferenceLines = 1080;

    /// <summary>Bits per pixel per frame of the video stream; <c>NaN</c> when the bit rate, size or rate is unknown.</summary>
    public static double BitsPerPixel(double bitRate, int width, int height, double framesPerSecond) =>
        bitRate > 0 && width > 0 && height > 0 && framesPerSecond > 0 ? bitRate / (width * (double)height * framesPerSecond) : double.NaN;

    /// <summary>
    /// How many H.264 bits one bit of <paramref name="codec"/> is worth at equal quality: newer codecs need fewer bits
    /// (HEVC/VP9 about 35–40 % fewer, AV1 about 50 %), older and intra-only ones many more. Rounded figures from the
    /// codec-comparison literature, not fitted here (the ladders are H.264); unknown codecs count as MPEG-4 part 2.
    /// </summary>
    public static double CodecFactor(string? codec) => codec switch
    {
        "h264" => 1.0,
        "hevc" => 1.6,
        "vp9" => 1.5,
        "av1" => 1.9,
        "vvc" => 2.2,
        "vp8" => 0.9,
        "mpeg4" or "msmpeg4v3" or "msmpeg4v2" or "msmpeg4v1" or "h263" or "flv1" or "wmv2" or "wmv3" or "vc1" => 0.6,
        "mpeg2video" or "mpeg1video" => 0.5,
        "mjpeg" or "cinepak" or "dvvideo" or "prores" or "dnxhd" => 0.15,
        "ffv1" or "rawvideo" or "huffyuv" or "utvideo" or "png" => 0.05,
        _ => 0.6,
    };
}
