using System.Globalization;
using System.Text.Json;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// The facts of a local file for the report's per-video section, from one bounded ffprobe
/// (<c>-show_entries stream=codec_type,codec_name,width,height,avg_frame_rate:stream_disposition=attached_pic:format=duration,format_name</c>).
/// A file ffprobe cannot read gives <see cref="MediaFacts.None"/>.
/// </summary>
internal sealed class MediaFactsProbe
{
    private readonly string _ffprobe;

    public MediaFactsProbe(string ffprobe) => _ffprobe = ffprobe;

    /// <summary>The facts of the file at <paramref name="path"/> (without notes).</summary>
    public async Task<MediaFacts> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var output = await BoundedProcess.RunAsync(
            _ffprobe,
            ["-v", "error", "-hide_banner", "-show_entries", "stream=codec_type,codec_name,width,height,avg_frame_rate:stream_disposition=attached_pic:format=duration,format_name", "-of", "json", "file:" + path],
            1024 * 1024,
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        return output is null ? MediaFacts.None : Parse(output);
    }

    /// <summary>Reads ffprobe's JSON; anything unreadable is unknown.</summary>
    public static MediaFacts Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            int? width = null, height = null, audio = 0;
            string? codec = null;
            double? fps = null;
            if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    var type = Text(stream, "codec_type");
                    if (type == "audio")
                    {
                        audio++;
                    }
                    else if (type == "video" && width is null && !IsAttachedPicture(stream)
                        && Int(stream, "width") is > 0 and var w && Int(stream, "height") is > 0 and var h)
                    {
                        (width, height, codec) = (w, h, Text(stream, "codec_name"));
                        fps = Rate(Text(stream, "avg_frame_rate"));
                    }
                }
            }

            double? duration = null;
            string? container = null;
            if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object)
            {
                duration = double.TryParse(Text(format, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && double.IsFinite(d) ? d : null;
                container = Text(format, "format_name");
            }

            return new MediaFacts(duration, width, height, codec, fps, audio, container, []);
        }
        catch (JsonException)
        {
            return MediaFacts.None;
        }
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.ValueKind == JsonValueKind.Object
        && d.TryGetProperty("attached_pic", out var pic) && pic.ValueKind == JsonValueKind.Number && pic.GetInt32() != 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static double? Rate(string? rate)
    {
        var parts = (rate ?? string.Empty).Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d > 0 && n / d is > 0 and <= 1000 and var value ? value : null;
    }
}
