using System.Text.RegularExpressions;
using CosQualityEstimate.Cli.Objects;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The CLI disposes the clients it creates, and its commands take time only from the host's <see cref="TimeProvider"/>.</summary>
public sealed class ClientLifetimeAndClockTests
{
    [Fact]
    public async Task Disposing_a_connection_disposes_the_client_the_cli_created()
    {
        var client = new JobsClient(new JobsClientOptions { Bucket = "b-1250000000", Region = "ap-guangzhou", Endpoint = new Uri("http://127.0.0.1:9/"), Credential = new Signing.CosCredential("id", "key") });
        var connection = new ServiceConnection(client, new ClientObjectStore(client.Objects), null);

        await connection.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetJobAsync("j1"));
    }

    [Fact]
    public void No_command_reads_the_machine_clock_or_a_stopwatch()
    {
        var root = RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "CosQualityEstimate.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => Regex.IsMatch(l.Text, @"\bDateTime(Offset)?\.(Utc)?Now\b|\bStopwatch\b|\bEnvironment\.TickCount"))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CosQualityEstimate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CosQualityEstimate.sln not found above " + AppContext.BaseDirectory);
    }
}
