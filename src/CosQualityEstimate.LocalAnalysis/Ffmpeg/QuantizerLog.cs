using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Reads the decoder's per-frame quantizer from the <c>showinfo</c> lines of the analysis graph's statistics branch
/// (ffmpeg runs with <c>-export_side_data venc_params</c>, so each decoded frame carries its video encoding
/// parameters, and <c>showinfo</c> prints them: <c>side data - video encoding parameters: type 1; qp=38; …</c>). Only
/// H.264's parameters (type 1, QP on its 0–51 scale) are kept; other types (VP9's, MPEG-2's) use other scales and are
/// left out, so for those codecs the quantizer is not measured. One sample per frame of the branch (a few a second):
/// its time (the <c>n: … pts_time:T</c> line before it) and its QP.
/// </summary>
internal sealed class QuantizerLog
{
    /// <summary>The start of every line the graph's showinfo filter prints (ffmpeg names it after its filter).</summary>
    public const string Prefix = "[Parsed_showinfo";

    /// <summary>The video encoding parameters' type whose QP is read: <c>AV_VIDEO_ENC_PARAMS_H264</c>.</summary>
    public const int H264Type = 1;

    /// <summary>The largest H.264 QP (8-bit luma).</summary>
    public const int MaximumH264Qp = 51;

    private const string SideData = "side data - video encoding parameters: type ";

    private readonly List<(double Time, double Qp)> _samples = [];
    private double _time = double.NaN;

    /// <summary>(frame time, frame QP) per frame of the statistics branch whose parameters are H.264's, in order.</summary>
    public IReadOnlyList<(double Time, double Qp)> Samples => _samples;

    /// <summary>Reads one showinfo line (level tag removed); other lines are ignored.</summary>
    public void Add(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var close = line.IndexOf("] ", StringComparison.Ordinal);
        if (close < 0)
        {
            return;
        }

        var text = line.AsSpan(close + 2).TrimStart();
        if (text.StartsWith("n:", StringComparison.Ordinal))
        {
            _time = MetadataFileReader.ParseHeaderTime(line);
            return;
        }

        if (!text.StartsWith(SideData, StringComparison.Ordinal) || double.IsNaN(_time))
        {
            return;
        }

        text = text[SideData.Length..];
        var semicolon = text.IndexOf(';');
        if (semicolon < 0 || !int.TryParse(text[..semicolon], NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type != H264Type)
        {
            return;
        }

        text = text[(semicolon + 1)..].TrimStart();
        if (!text.StartsWith("qp=", StringComparison.Ordinal))
        {
            return;
        }

        text = text[3..];
        semicolon = text.IndexOf(';');
        if (semicolon >= 0
            && int.TryParse(text[..semicolon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var qp)
            && qp is >= 0 and <= MaximumH264Qp)
        {
            _samples.Add((_time, qp));
            _time = double.NaN; // one sample per frame
        }
    }
}
