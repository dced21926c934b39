using System.Text.Json;
using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

public sealed class ToolCommandsTests
{
    private static readonly Dictionary<string, string?> Creds = new()
    {
        ["COS_SECRET_ID"] = "AKIDEXAMPLE",
        ["COS_SECRET_KEY"] = "SecretKeyThatMustNotBePrinted000",
    };

    [Fact]
    public async Task Version_prints_the_version()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
    }

    [Theory]
    [InlineData]
    [InlineData("batch")]
    [InlineData("estimate")]
    [InlineData("sign")]
    public async Task Help_is_available_everywhere_and_documents_exit_codes(params string[] command)
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), [.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("Exit codes: 0 all good; 1 some job failed; 2 bad usage", result.Out);
    }

    [Fact]
    public async Task Sign_prints_an_authorization_without_the_secret()
    {
        var result = await CliRun.RunAsync(Creds, ["sign", "--method", "get", "--path", "/jobs", "--param", "tag=QualityEstimate", "--header", "host=example.com"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = result.Out.Trim();
        Assert.StartsWith("q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=", line);
        Assert.Contains("q-header-list=host", line);
        Assert.Contains("q-url-param-list=tag", line);
        Assert.Matches("q-signature=[0-9a-f]{40}$", line);
        Assert.DoesNotContain("SecretKeyThatMustNotBePrinted000", result.Out + result.Error);

        var json = await CliRun.RunAsync(Creds, ["sign", "--method", "GET", "--path", "/jobs", "-o", "json"]);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.StartsWith("q-sign-algorithm=sha1", doc.RootElement.GetProperty("authorization").GetString());
    }

    [Fact]
    public async Task Sign_without_credentials_says_what_is_missing()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["sign", "--method", "GET", "--path", "/jobs"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cosqe: missing credentials: set COS_SECRET_ID and COS_SECRET_KEY.", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Emulator_command_listens_and_serves_until_interrupted()
    {
        using var interrupt = new CancellationTokenSource();
        var output = new SignallingWriter("Listening on ");
        var run = CliRun.RunAsync(new Dictionary<string, string?>(), ["emulator", "--port", "0", "--queue-delay", "10ms", "--run-duration", "10ms"], interrupt: interrupt.Token, output: output);
        var line = await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^Listening on (http://127\.0\.0\.1:(\d+))$");
        Assert.True(match.Success, line);

        // It is a working emulator: the CLI itself can estimate against it.
        var env = new Dictionary<string, string?>
        {
            ["COS_ENDPOINT"] = match.Groups[1].Value,
            ["COS_BUCKET"] = CosEmulatorOptions.DefaultBucket,
            ["COS_REGION"] = CosEmulatorOptions.DefaultRegion,
            ["COS_SECRET_ID"] = CosEmulatorOptions.DefaultSecretId,
            ["COS_SECRET_KEY"] = CosEmulatorOptions.DefaultSecretKey,
        };
        var estimate = await CliRun.RunAsync(env, ["estimate", "x.mp4", "--poll-interval", "20ms"]);
        Assert.True(estimate.ExitCode == 0, estimate.ToString());

        await interrupt.CancelAsync();
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Stopping.", output.ToString());
    }
}
