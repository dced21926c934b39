namespace CosQualityEstimate.LocalAnalysis;

/// <summary>Why a local analysis could not be done: the one taxonomy <c>cosqe analyze</c>, its journal and the emulator follow.</summary>
public enum LocalAnalysisFailure
{
    /// <summary>The analyzer failed unexpectedly (ffmpeg crashed or printed what it should not, a bug): nothing is known
    /// about the file. Retryable; never to be recorded as "the file is not a video".</summary>
    AnalyzerFailure = 0,

    /// <summary>The file is not media ffmpeg can decode (not a video, truncated, corrupt, picture too small, missing). Permanent.</summary>
    MediaUnreadable = 1,

    /// <summary>The file could not be read (permissions, a directory, an I/O error). Retryable: it may be readable later.</summary>
    MediaAccess = 2,

    /// <summary>ffmpeg/ffprobe is missing, too old or lacks a required filter. Retryable once ffmpeg is installed.</summary>
    FfmpegUnavailable = 3,
}
