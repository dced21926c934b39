using CosQualityEstimate.Cli;
using CosQualityEstimate.Cli.Objects;
using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The result of one in-process run of the CLI.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <see cref="CliApp.RunAsync"/> in-process with injected environment, stdin and object store.</summary>
internal static class CliRun
{
    public static async Task<CliResult> RunAsync(
        IReadOnlyDictionary<string, string?> env,
        string[] args,
        string? stdin = null,
        IObjectStore? objects = null,
        string? directory = null,
        CancellationToken interrupt = default,
        TextWriter? output = null,
        TimeProvider? time = null,
        LocalAnalysis.LocalVideoAnalyzer? analyzer = null,
        HttpClient? http = null)
    {
        var stdout = output ?? new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost
        {
            Out = TextWriter.Synchronized(stdout),
            Error = TextWriter.Synchronized(stderr),
            In = new StringReader(stdin ?? string.Empty),
            GetEnvironmentVariable = name => env.TryGetValue(name, out var value) ? value : null,
            IsInteractive = false,
            Interrupt = interrupt,
            CurrentDirectory = directory ?? Path.GetTempPath(),
            ObjectStoreFactory = objects is null ? null : _ => objects,
            Time = time ?? TimeProvider.System,
            LocalAnalyzerFactory = analyzer is null ? null : () => analyzer,
            HttpClient = http ?? (time as QuiescentClock)?.HttpClient, // on a quiescent clock, its handler counts the requests in flight
        };
        var code = await CliApp.RunAsync(args, host);
        return new CliResult(code, stdout.ToString()!, stderr.ToString());
    }

    public static Dictionary<string, string?> EnvFor(CosEmulator emulator) => new()
    {
        ["COS_ENDPOINT"] = emulator.Endpoint.ToString(),
        ["COS_BUCKET"] = emulator.Bucket,
        ["COS_REGION"] = emulator.Region,
        ["COS_SECRET_ID"] = emulator.Credential.SecretId,
        ["COS_SECRET_KEY"] = emulator.Credential.SecretKey,
    };

    /// <summary>An emulator with canned (simulated) results: these tests upload bytes that are not video, so the
    /// emulator's local analysis is off (tests of real analysis turn it on themselves).</summary>
    public static Task<CosEmulator> FastEmulatorAsync(TimeProvider? time = null) => CosEmulator.StartAsync(new CosEmulatorOptions
    {
        LocalAnalysis = false,
        QueueDelay = TimeSpan.FromMilliseconds(20),
        RunDuration = TimeSpan.FromMilliseconds(50),
        TimeProvider = time ?? TimeProvider.System,
    });
}

/// <summary>A temporary directory deleted at the end of a test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cosqe-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>An in-memory object store for the upload and prefix-listing paths.</summary>
internal sealed class FakeObjectStore : IObjectStore
{
    public List<(string LocalPath, string Key)> Uploads { get; } = [];

    public List<string> Keys { get; } = [];

    public Task UploadAsync(string localPath, string objectKey, CancellationToken cancellationToken)
    {
        lock (Uploads)
        {
            Uploads.Add((localPath, objectKey));
            Keys.Add(objectKey);
        }

        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string objectKey, CancellationToken cancellationToken) => Task.FromResult(Keys.Contains(objectKey));

    public async IAsyncEnumerable<string> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var key in Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            await Task.Yield();
            yield return key;
        }
    }
}
