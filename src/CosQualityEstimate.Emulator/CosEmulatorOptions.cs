using CosQualityEstimate.LocalAnalysis;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Emulator;

/// <summary>Settings of a <see cref="CosEmulator"/>. Every value has a usable default.</summary>
public sealed class CosEmulatorOptions
{
    /// <summary>The documented default test SecretId: <c>AKIDEMULATOR00000000000000000000</c>.</summary>
    public const string DefaultSecretId = "AKIDEMULATOR00000000000000000000";

    /// <summary>The documented default test SecretKey: <c>emulatorSecretKey000000000000000</c>.</summary>
    public const string DefaultSecretKey = "emulatorSecretKey000000000000000";

    /// <summary>The default bucket: <c>examplebucket-1250000000</c>.</summary>
    public const string DefaultBucket = "examplebucket-1250000000";

    /// <summary>The default region: <c>ap-guangzhou</c>.</summary>
    public const string DefaultRegion = "ap-guangzhou";

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>SecretId of the primary credential.</summary>
    public string SecretId { get; set; } = DefaultSecretId;

    /// <summary>SecretKey of the primary credential.</summary>
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>The bucket the emulated CI service is bound to.</summary>
    public string Bucket { get; set; } = DefaultBucket;

    /// <summary>The bucket's region.</summary>
    public string Region { get; set; } = DefaultRegion;

    /// <summary>The clock of the emulator: job states, signature time checks and the <c>Date</c> header. Tests pass a FakeTimeProvider.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Time a job spends in Submitted before it runs (default 1 second).</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time a job spends Running before it ends in Success or Failed (default 2 seconds).</summary>
    public TimeSpan RunDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest allowed difference between a signature's key-time start and the emulator's clock (default 15 minutes).</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether every request must carry a valid COS signature (default <see langword="true"/>).</summary>
    public bool VerifySignatures { get; set; } = true;

    /// <summary>
    /// Whether a job's input object must have been stored in the emulator (uploaded through the object API) before the
    /// submit; a job on a missing object then ends Failed with code <c>InputFileNotExist</c>, as the real service fails it.
    /// Default <see langword="false"/>: any key is analysed (samples and key-only runs rely on it).
    /// </summary>
    public bool RequireStoredObjects { get; set; }

    /// <summary>
    /// Directory for uploaded object content; <see langword="null"/> (default) creates a fresh directory under the system
    /// temp directory and deletes it when the emulator is disposed. Content never sits in memory, so large uploads are fine.
    /// </summary>
    public string? ObjectStorageDirectory { get; set; }

    /// <summary>Logger factory for the emulator and Kestrel; nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The default of <see cref="LocalAnalysisConcurrency"/>: one analysis at a time (ffmpeg itself uses the cores).</summary>
    public const int DefaultLocalAnalysisConcurrency = 1;

    /// <summary>The largest allowed <see cref="LocalAnalysisConcurrency"/>.</summary>
    public const int MaxLocalAnalysisConcurrency = 64;

    /// <summary>The default of <see cref="LocalAnalysisCacheSize"/>: the outcomes of the 256 most recently used object contents.</summary>
    public const int DefaultLocalAnalysisCacheSize = 256;

    /// <summary>
    /// Whether a job whose input object is stored in the emulator is analysed locally with ffmpeg
    /// (<see cref="LocalVideoAnalyzer"/>) instead of getting a simulated result. Default <see langword="false"/>: the
    /// emulator is a hermetic test double, so tests behave the same with or without ffmpeg on the machine and any
    /// uploaded bytes (a real video or not) get the deterministic simulated result, marked <c>simulated</c>.
    /// When <see langword="true"/>, the job is Running while the analysis runs (its run time is the analysis time, not
    /// <see cref="RunDuration"/>), its result is marked <c>local-analysis</c>, content ffmpeg cannot decode ends
    /// <c>Failed</c> with <c>InvalidInputFile</c>, and outcomes are cached per object ETag
    /// (<see cref="LocalAnalysisCacheSize"/>). Without ffmpeg, or for a key never uploaded, results stay simulated.
    /// </summary>
    public bool LocalAnalysis { get; set; }

    /// <summary>
    /// How many stored objects are analysed at the same time when <see cref="LocalAnalysis"/> is on, 1 to
    /// <see cref="MaxLocalAnalysisConcurrency"/> (default <see cref="DefaultLocalAnalysisConcurrency"/>); other jobs wait
    /// Running for a slot.
    /// </summary>
    public int LocalAnalysisConcurrency { get; set; } = DefaultLocalAnalysisConcurrency;

    /// <summary>
    /// How many analysis outcomes (one per object content, keyed by ETag) are kept, at least 1 (default
    /// <see cref="DefaultLocalAnalysisCacheSize"/>); the least recently used is dropped first, and a job on dropped
    /// content is analysed again.
    /// </summary>
    public int LocalAnalysisCacheSize { get; set; } = DefaultLocalAnalysisCacheSize;

    /// <summary>Where ffmpeg is and the detector thresholds of the local analysis; defaults when <see langword="null"/>.</summary>
    public LocalAnalysisOptions? LocalAnalysisOptions { get; set; }

    /// <summary>Test seam: the analyzer used instead of a <see cref="LocalVideoAnalyzer"/> built from <see cref="LocalAnalysisOptions"/>
    /// (tests pass a class derived from it).</summary>
    internal LocalVideoAnalyzer? Analyzer { get; set; }
}
