using System.Net;
using System.Text;
using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Messages that point at the mistake (issue 24; the table in docs/cli.md "Messages").</summary>
public sealed class MessagesTests
{
    private static readonly Dictionary<string, string?> NoEnv = new();

    [Theory]
    [InlineData(new[] { "analyze", "/clips", "--concurency", "2" }, "cosqe: unknown option '--concurency'; did you mean --concurrency? (see cosqe analyze --help)")]
    [InlineData(new[] { "upload", "a.mp4", "--prefx", "p/" }, "cosqe: unknown option '--prefx'; did you mean --prefix? (see cosqe upload --help)")]
    [InlineData(new[] { "estimate", "a.mp4", "--mod", "general" }, "cosqe: unknown option '--mod'; did you mean --mode? (see cosqe estimate --help)")]
    [InlineData(new[] { "list", "--limt", "3" }, "cosqe: unknown option '--limt'; did you mean --limit? (see cosqe list --help)")]
    [InlineData(new[] { "estimate", "a.mp4", "--endpiont", "http://x/" }, "cosqe: unknown option '--endpiont'; did you mean --endpoint? (see cosqe estimate --help)")]
    [InlineData(new[] { "analyze", "a.mp4", "--frobnicate" }, "cosqe: unknown option '--frobnicate' (see cosqe analyze --help)")]
    public async Task An_unknown_option_is_an_unknown_option_with_the_closest_one_never_a_path(string[] args, string expected)
    {
        using var dir = new TempDir();

        var result = await CliRun.RunAsync(NoEnv, args, directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task After_a_double_dash_a_dashed_word_is_a_path()
    {
        using var dir = new TempDir();

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "--", "--concurency"], directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("cosqe: --concurency: no such file or directory.", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData(404, "", null, "HTTP 404 with an empty body, no COS request id")]
    [InlineData(404, "<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>", "text/html", "HTTP 404 with an HTML page, no COS request id")]
    [InlineData(405, "<html><body>Method Not Allowed</body></html>", "text/html", "HTTP 405 with an HTML page, no COS request id")]
    [InlineData(200, "<!doctype html><html><body>welcome to nginx</body></html>", "text/html", "with an HTML page")]
    public async Task An_endpoint_that_answers_like_no_COS_service_is_named_with_a_hint_to_check_it(int status, string body, string? contentType, string what)
    {
        await using var server = await NotCosServer.StartAsync(status, body, contentType);
        var env = new Dictionary<string, string?>
        {
            ["COS_ENDPOINT"] = server.Url,
            ["COS_BUCKET"] = "examplebucket-1250000000",
            ["COS_REGION"] = "ap-guangzhou",
            ["COS_SECRET_ID"] = "AKIDEXAMPLE",
            ["COS_SECRET_KEY"] = "secret",
        };

        var result = await CliRun.RunAsync(env, ["get", "j1"]);

        Assert.True(result.ExitCode is 3 or 4, result.ToString());
        Assert.Equal($"cosqe: {server.Url} does not look like a COS/CI endpoint (it answered {what}); check --endpoint/COS_ENDPOINT.", Assert.Single(result.ErrorLines));
        Assert.Equal(string.Empty, result.Out); // a failure goes to stderr once
    }

    [Fact]
    public async Task A_service_refusal_with_a_COS_error_is_still_the_service_refusing()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["cancel", "jdoesnotexist"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.DoesNotContain("does not look like", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_failure_names_the_URL_it_could_not_reach()
    {
        var env = new Dictionary<string, string?>
        {
            ["COS_ENDPOINT"] = "http://127.0.0.1:1/",
            ["COS_BUCKET"] = "examplebucket-1250000000",
            ["COS_REGION"] = "ap-guangzhou",
            ["COS_SECRET_ID"] = "AKIDEXAMPLE",
            ["COS_SECRET_KEY"] = "secret",
        };

        var result = await CliRun.RunAsync(env, ["list"]);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.StartsWith("cosqe: could not reach the service at http://127.0.0.1:1/: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task List_with_nothing_to_list_says_so_on_stderr()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();

        var all = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["list"]);
        var filtered = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["list", "--state", "Failed"]);
        var json = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["list", "-o", "json"]);

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(string.Empty, all.Out);
        Assert.Equal("cosqe: no jobs to list.", Assert.Single(all.ErrorLines));
        Assert.Equal("cosqe: no jobs match these filters.", Assert.Single(filtered.ErrorLines));
        Assert.Equal("[]", json.Out.Trim());
        Assert.Equal("cosqe: no jobs to list.", Assert.Single(json.ErrorLines));
    }

    [Theory]
    [InlineData(new string[0], "Local analysis: on (uploaded objects are analysed with ffmpeg when it is installed; --no-analysis: every result simulated)")]
    [InlineData(new[] { "--no-analysis" }, "Local analysis: off (every result is simulated; without --no-analysis uploaded objects are analysed with ffmpeg)")]
    public async Task Cosqe_emulator_prints_its_export_line_and_its_analysis_mode_at_start(string[] extra, string modeLine)
    {
        using var stop = new CancellationTokenSource();
        var stdout = new SignallingWriter("export ");
        var run = CliRun.RunAsync(NoEnv, ["emulator", "--port", "0", .. extra], interrupt: stop.Token, output: stdout);
        await Task.WhenAny(stdout.Seen.Task, run).WaitAsync(TimeSpan.FromSeconds(30)); // bounded: a CLI that never prints fails, not hangs
        await stop.CancelAsync();
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(modeLine, lines);
        var export = Assert.Single(lines, l => l.StartsWith("export ", StringComparison.Ordinal));
        Assert.Matches(@"^export COS_ENDPOINT=http://127\.0\.0\.1:\d+ COS_BUCKET=examplebucket-1250000000 COS_REGION=ap-guangzhou COS_SECRET_ID=" + CosEmulatorOptions.DefaultSecretId + " COS_SECRET_KEY=" + CosEmulatorOptions.DefaultSecretKey + "$", export);
    }

    /// <summary>A loopback HTTP server that answers every request like a web server or proxy, not like COS.</summary>
    private sealed class NotCosServer : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _loop;

        private NotCosServer(HttpListener listener, int status, string body, string? contentType)
        {
            _listener = listener;
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.StatusCode = status;
                    if (contentType is not null)
                    {
                        context.Response.ContentType = contentType;
                    }

                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; private init; } = string.Empty;

        public static Task<NotCosServer> StartAsync(int status, string body, string? contentType)
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = Random.Shared.Next(20000, 60000);
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                    listener.Close();
                    continue;
                }

                return Task.FromResult(new NotCosServer(listener, status, body, contentType) { Url = $"http://127.0.0.1:{port}/" });
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop.ConfigureAwait(false);
        }
    }
}
