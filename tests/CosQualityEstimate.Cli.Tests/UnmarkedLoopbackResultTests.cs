using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A result with no source marker from a loopback endpoint (an older emulator or a stub, never the real service) is not
/// presented as measured: source "unknown", no quality verdict.
/// </summary>
public sealed class UnmarkedLoopbackResultTests : IDisposable
{
    private const string JobId = "j8d121820f5e411ec926ef19d53ba9c6f";

    // A DescribeJob answer as the real service writes it (no ResultSource marker).
    private const string Body = """
        <Response><JobsDetail><Code>Success</Code><Message/><JobId>j8d121820f5e411ec926ef19d53ba9c6f</JobId><State>Success</State>
        <CreationTime>2022-06-27T15:23:10+0800</CreationTime><EndTime>2022-06-27T15:24:02+0800</EndTime><Tag>QualityEstimate</Tag>
        <Input><Bucket>test-1250000000</Bucket><Object>input/demo.mp4</Object><Region>ap-chongqing</Region></Input>
        <Operation><QualityEstimateConfig><Mode>vqaPlus</Mode></QualityEstimateConfig>
        <QualityEstimate><Score>7.83</Score><VqaPlusResult><NoAudio>false</NoAudio><NoVideo>false</NoVideo></VqaPlusResult></QualityEstimate>
        </Operation></JobsDetail></Response>
        """;

    private readonly HttpListener _listener = new();
    private readonly string _endpoint;

    public UnmarkedLoopbackResultTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _endpoint = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_endpoint);
        _listener.Start();
        _ = ServeAsync();
    }

    private async Task ServeAsync()
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

            var bytes = Encoding.UTF8.GetBytes(Body);
            context.Response.ContentType = "application/xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private Dictionary<string, string?> Env => new()
    {
        ["COS_ENDPOINT"] = _endpoint,
        ["COS_BUCKET"] = "test-1250000000",
        ["COS_REGION"] = "ap-chongqing",
        ["COS_SECRET_ID"] = "AKIDexampleexampleexample",
        ["COS_SECRET_KEY"] = "exampleexampleexampleexample",
    };

    [Fact]
    public async Task Get_json_says_unknown_and_gives_no_verdict()
    {
        var result = await CliRun.RunAsync(Env, ["get", JobId, "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = JsonDocument.Parse(result.Out).RootElement[0];
        Assert.Equal("unknown", job.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("good").ValueKind);
    }

    [Fact]
    public async Task Get_text_prints_no_good_quality_verdict()
    {
        var result = await CliRun.RunAsync(Env, ["get", JobId]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("7.8", result.Out);
        Assert.DoesNotContain("good quality", result.Out);
    }

    public void Dispose() => _listener.Close();
}
