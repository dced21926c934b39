namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>A checked ffmpeg installation: the two executables, the version and the filters it has.</summary>
internal sealed class FfmpegTools
{
    /// <summary>Filters the analysis cannot run without.</summary>
    public static readonly IReadOnlyList<string> RequiredFilters =
    [
        "scale", "format", "split", "fps", "framestep", "negate", "metadata", "signalstats", "cropdetect", "blackdetect",
        "blurdetect", "aresample", "aformat", "asetnsamples", "asplit", "astats", "aeval", "silencedetect", "ametadata",
    ];

    /// <summary>The optional filter behind Jitter (present only when ffmpeg is built with libvidstab).</summary>
    public const string VidstabFilter = "vidstabdetect";

    public FfmpegTools(string ffmpegPath, string ffprobePath, Version? version, IReadOnlySet<string> filters)
    {
        FfmpegPath = ffmpegPath;
        FfprobePath = ffprobePath;
        Version = version;
        Filters = filters;
    }

    public string FfmpegPath { get; }

    public string FfprobePath { get; }

    /// <summary>The release version, <c>null</c> for a development build ("N-…" or a git hash).</summary>
    public Version? Version { get; }

    public IReadOnlySet<string> Filters { get; }

    public bool HasVidstab => Filters.Contains(VidstabFilter);
}
