using System.Globalization;
using System.Net;
using System.Text;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Report;

/// <summary>The report's legend: what each finding type means (one line each), the confidence scale and the good bar.</summary>
internal static class ReportLegend
{
    /// <summary>Each type the service (and the local analysis) reports, with its one-line meaning.</summary>
    public static readonly IReadOnlyList<(string Type, string Meaning)> Types =
    [
        ("Jitter", "the picture shakes (camera shake, unstable frames)."),
        ("Blur", "the picture is out of focus or smeared."),
        ("LowLighting", "the picture is too dark."),
        ("HighLighting", "the picture is overexposed (washed out)."),
        ("CrashScreen", "a broken picture: decoding garbage, smeared blocks, a glitch."),
        ("BlackWhiteEdge", "black or white bars at the picture's edges."),
        ("SolidColorScreen", "the whole picture is one colour (black, green, …)."),
        ("Noise", "grain or sensor noise over the picture."),
        ("Mosaic", "visible blocks: pixelation or compression artefacts."),
        ("QRCode", "a QR code is visible."),
        ("AppletCode", "a mini-program code is visible."),
        ("BarCode", "a barcode is visible."),
        ("LowVoice", "the audio is too quiet."),
        ("HighVoice", "the audio is too loud or clipped (distorted)."),
        ("NoVoice", "the audio is silent."),
        ("LowEvaluation", "the overall no-reference score is below the bar (the whole clip)."),
    ];

    /// <summary>Appends the legend section.</summary>
    public static void Write(StringBuilder h)
    {
        var bar = QualityEstimate.GoodQualityThreshold.ToString("0.##", CultureInfo.InvariantCulture);
        h.Append("<section id=\"legend\"><h2>Legend</h2><dl class=\"legend\">");
        foreach (var (type, meaning) in Types)
        {
            h.Append("<dt>").Append(WebUtility.HtmlEncode(type)).Append("</dt><dd>").Append(WebUtility.HtmlEncode(meaning)).Append("</dd>");
        }

        h.Append("</dl><p id=\"legend-confidence\"><strong>Confidence</strong> (0–100) is how sure the detector is that the finding is real: below 50 a hint, 50–80 likely, above 80 near certain. On a timeline a darker bar is a more confident finding.</p>");
        h.Append(CultureInfo.InvariantCulture, $"<p id=\"legend-good\"><strong>Score</strong> (0–10): a video is <em>good</em> when its score is ≥ {bar}; green bars in the histogram are good, red ones are not. Simulated and unknown-source scores carry no verdict.</p>");
        h.Append("<p id=\"legend-mode\"><strong>Mode</strong>: <code>vqaPlus</code> measures the score and the findings; <code>general</code> measures the score only — its findings were not measured, which is not the same as none found.</p>");
        h.Append("</section>");
    }
}
