namespace CosQualityEstimate.Cli;

/// <summary>
/// Everything the CLI takes from its process: streams, environment, terminal facts, cancellation, object store.
/// Tests build one with injected values and run <see cref="CliApp.RunAsync"/> in-process.
/// </summary>
internal sealed class CliHost
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>True when stderr is a terminal: batch progress redraws one line instead of printing periodic lines.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Signalled on Ctrl+C / SIGTERM.</summary>
    public CancellationToken Interrupt { get; init; }

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The clock of the batch and its journal (tests pass a FakeTimeProvider).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Builds the object store for a resolved configuration (uploads, listing by prefix); <see langword="null"/> (the
    /// default) uses the connected client's <see cref="CosQualityEstimate.Objects.ObjectsClient"/>. Tests inject fakes here.
    /// </summary>
    public Func<CliConfig, Objects.IObjectStore>? ObjectStoreFactory { get; init; }

    /// <summary>
    /// Builds the local analyzer of <c>cosqe analyze</c>; <see langword="null"/> (the default) uses ffmpeg
    /// (<c>COSQE_FFMPEG</c> or PATH). Tests inject a derived <see cref="LocalAnalysis.LocalVideoAnalyzer"/> here.
    /// </summary>
    public Func<LocalAnalysis.LocalVideoAnalyzer>? LocalAnalyzerFactory { get; init; }

    /// <summary>
    /// The HttpClient the connected client sends with (<see cref="CosQualityEstimate.Jobs.JobsClient(HttpClient, CosQualityEstimate.Jobs.JobsClientOptions)"/>;
    /// it stays the host's and is never disposed by the CLI); <see langword="null"/> (the default, and always in the
    /// process) lets the client create its own. A test seam only: tests pass one whose handler counts the requests in
    /// flight, so a fake clock moves only while nothing is being sent.
    /// </summary>
    public HttpClient? HttpClient { get; init; }

    public static CliHost FromProcess(CancellationToken interrupt) => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        IsInteractive = !Console.IsErrorRedirected,
        Interrupt = interrupt,
    };
}
