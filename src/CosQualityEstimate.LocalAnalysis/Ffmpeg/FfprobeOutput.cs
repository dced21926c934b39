using System.Text.Json.Serialization;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>The part of <c>ffprobe -of json</c> the analyzer reads.</summary>
internal sealed class FfprobeOutput
{
    [JsonPropertyName("streams")]
    public List<FfprobeStream>? Streams { get; set; }

    [JsonPropertyName("format")]
    public FfprobeFormat? Format { get; set; }
}

/// <summary>One stream of <see cref="FfprobeOutput"/>.</summary>
internal sealed class FfprobeStream
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("codec_type")]
    public string? CodecType { get; set; }

    [JsonPropertyName("codec_name")]
    public string? CodecName { get; set; }

    [JsonPropertyName("width")]
    public int? Width { get; set; }

    [JsonPropertyName("height")]
    public int? Height { get; set; }

    /// <summary>The average frame rate as ffprobe writes it ("25/1", "30000/1001", "0/0" when unknown).</summary>
    [JsonPropertyName("avg_frame_rate")]
    public string? AverageFrameRate { get; set; }

    /// <summary>The stream's time base as ffprobe writes it ("1/12800").</summary>
    [JsonPropertyName("time_base")]
    public string? TimeBase { get; set; }

    /// <summary>The stream's bit rate in bit/s as ffprobe writes it (a number, or "N/A" when the container does not say).</summary>
    [JsonPropertyName("bit_rate")]
    public string? BitRate { get; set; }

    [JsonPropertyName("disposition")]
    public Dictionary<string, int>? Disposition { get; set; }
}

/// <summary>The container of <see cref="FfprobeOutput"/>; ffprobe writes numbers as strings here.</summary>
internal sealed class FfprobeFormat
{
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    /// <summary>The whole file's bit rate in bit/s (all streams).</summary>
    [JsonPropertyName("bit_rate")]
    public string? BitRate { get; set; }
}

/// <summary>Source-generated (reflection-free, Native AOT safe) JSON metadata for <see cref="FfprobeOutput"/>.</summary>
[JsonSerializable(typeof(FfprobeOutput))]
internal sealed partial class FfprobeJsonContext : JsonSerializerContext
{
}
