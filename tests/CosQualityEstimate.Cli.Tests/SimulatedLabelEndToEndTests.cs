using System.Text.Json;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// The offline default (no credentials, no endpoint: the embedded emulator) labels its results on stdout, in JSON and
/// on stderr; removing any one of those labels fails a test here.
/// </summary>
public sealed class SimulatedLabelEndToEndTests
{
    private static readonly Dictionary<string, string?> Offline = new() { ["COSQE_EMULATOR_ANALYSIS"] = "off" };

    [Fact]
    public async Task Offline_estimate_text_says_SIMULATED_and_gives_no_verdict()
    {
        var result = await CliRun.RunAsync(Offline, ["estimate", "input/demo.mp4", "--poll-interval", "200ms"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^input/demo\.mp4: SIMULATED score \d+\.\d / 10 \(made up by the emulator, not measured from the video; no verdict\) \(job j[0-9a-f]+\)", result.Out);
        Assert.DoesNotContain("good quality", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("good-quality bar", result.Out, StringComparison.Ordinal);
        Assert.Contains("SIMULATED", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("cosqe analyze", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_estimate_json_has_source_simulated()
    {
        var result = await CliRun.RunAsync(Offline, ["estimate", "a.mp4", "b.mp4", "-o", "json", "--poll-interval", "200ms"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        foreach (var job in json.RootElement.EnumerateArray())
        {
            Assert.Equal("simulated", job.GetProperty("source").GetString());
            Assert.Equal(JsonValueKind.Null, job.GetProperty("good").ValueKind);
            Assert.InRange(job.GetProperty("score").GetDouble(), 0, 10);
        }
    }

    [Fact]
    public async Task Bad_COSQE_EMULATOR_ANALYSIS_is_exit_2_before_anything_runs()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?> { ["COSQE_EMULATOR_ANALYSIS"] = "maybe" }, ["estimate", "input/demo.mp4"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal("cosqe: COSQE_EMULATOR_ANALYSIS must be on or off (got \"maybe\").", line);
        Assert.Equal(string.Empty, result.Out);
    }
}
