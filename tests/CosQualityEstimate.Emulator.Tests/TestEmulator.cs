using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Emulator.Tests;

/// <summary>An emulator on a fake clock plus helpers to send signed raw requests and a library JobsClient.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    internal static readonly DateTimeOffset Start = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private TestEmulator(CosEmulator emulator, WaiterClock time)
    {
        Emulator = emulator;
        Time = time;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    internal CosEmulator Emulator { get; }

    /// <summary>The emulator's fake clock (and the default client's); <see cref="WaiterClock.DriveAsync{T}"/> drives a waiting flow on it.</summary>
    internal WaiterClock Time { get; }

    internal HttpClient Http { get; }

    internal static async Task<TestEmulator> StartAsync(Action<CosEmulatorOptions>? configure = null)
    {
        var time = new WaiterClock(Start);
        var options = new CosEmulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        var emulator = await CosEmulator.StartAsync(options);
        return new TestEmulator(emulator, time);
    }

    /// <summary>
    /// Client options for <paramref name="emulator"/> on a clock that jumps ahead whenever code waits
    /// (<c>AutoAdvanceTimeProvider</c>): no attempt timeout, which such a clock would fire at once.
    /// </summary>
    internal static JobsClientOptions AutoAdvanceClientOptions(CosEmulator emulator, TimeProvider time) => new()
    {
        Bucket = emulator.Bucket,
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        Credential = emulator.Credential,
        TimeProvider = time,
        ConfigureObjects = o => o.Retry.AttemptTimeout = Timeout.InfiniteTimeSpan,
    };

    internal JobsClient CreateClient(CosCredential? credential = null, TimeProvider? clientTime = null, string? sessionTokenHeader = null)
    {
        var options = new JobsClientOptions
        {
            Bucket = Emulator.Bucket,
            Region = Emulator.Region,
            Endpoint = Emulator.Endpoint,
            Credential = credential ?? Emulator.Credential,
            TimeProvider = clientTime ?? Time,
        };
        if (sessionTokenHeader is not null)
        {
            options.SessionTokenHeaderName = sessionTokenHeader;
        }

        return new JobsClient(Http, options);
    }

    /// <summary>Sends a request signed with CosSigner over the host, content headers, x-* headers and (by default) every query parameter.</summary>
    internal async Task<RawResponse> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        string? body = null,
        CosCredential? credential = null,
        DateTimeOffset? keyStart = null,
        DateTimeOffset? keyEnd = null,
        Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>>? signedQuery = null,
        Action<HttpRequestMessage>? configure = null,
        bool sign = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(Emulator.Endpoint, pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            request.Content.Headers.ContentLength = Encoding.UTF8.GetByteCount(body);
        }

        configure?.Invoke(request);
        if (sign)
        {
            var uri = request.RequestUri!;
            var query = ParseQuery(uri.Query);
            if (signedQuery is not null)
            {
                query = signedQuery(query);
            }

            var headers = new List<KeyValuePair<string, string>>
            {
                new("Host", request.Headers.Host ?? uri.Authority),
            };
            foreach (var header in request.Headers)
            {
                if (header.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add(new(header.Key, string.Join(",", header.Value)));
                }
            }

            if (request.Content is { } content)
            {
                headers.Add(new("Content-Type", content.Headers.ContentType!.ToString()));
                headers.Add(new("Content-Length", content.Headers.ContentLength!.Value.ToString()));
            }

            var start = keyStart ?? Time.GetUtcNow();
            var authorization = CosSigner.CreateAuthorization(
                credential ?? Emulator.Credential,
                method.Method,
                Uri.UnescapeDataString(uri.AbsolutePath),
                query,
                headers,
                start,
                keyEnd ?? start.AddMinutes(10));
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Http.SendAsync(request);
        return new RawResponse(
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers);
    }

    internal Task<RawResponse> GetJobsAsync(string ids) => SendAsync(HttpMethod.Get, "/jobs/" + ids);

    internal Task<RawResponse> CancelAsync(string id) => SendAsync(HttpMethod.Put, "/jobs/" + id + "?cancel");

    internal Task<RawResponse> SubmitRawAsync(string objectKey, string? mode = null, string extraOperation = "", string extraRequest = "") =>
        SendAsync(HttpMethod.Post, "/jobs", SubmitBody(objectKey, mode, extraOperation, extraRequest));

    internal static string SubmitBody(string objectKey, string? mode = null, string extraOperation = "", string extraRequest = "") =>
        "<Request><Tag>QualityEstimate</Tag><Input><Object>" + objectKey + "</Object></Input><Operation>"
        + (mode is null ? string.Empty : "<QualityEstimateConfig><Mode>" + mode + "</Mode></QualityEstimateConfig>")
        + extraOperation + "</Operation>" + extraRequest + "</Request>";

    internal async Task<string> SubmitJobIdAsync(string objectKey, string? mode = null, string extraRequest = "")
    {
        var response = await SubmitRawAsync(objectKey, mode, extraRequest: extraRequest);
        Assert.Equal(200, response.Status);
        return response.Xml.Element("JobsDetail")!.Element("JobId")!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            result.Add(eq < 0
                ? new(Uri.UnescapeDataString(part), string.Empty)
                : new(Uri.UnescapeDataString(part[..eq]), Uri.UnescapeDataString(part[(eq + 1)..])));
        }

        return result;
    }
}

/// <summary>A buffered response.</summary>
internal sealed record RawResponse(int Status, string Body, string? MediaType, HttpResponseHeaders Headers)
{
    internal XElement Xml => XElement.Parse(Body);

    internal string? ErrorCode => Xml.Element("Code")?.Value;

    internal string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.First() : null;

    internal IEnumerable<XElement> Jobs => Xml.Elements("JobsDetail");

    internal string StateOf(int index = 0) => Jobs.ElementAt(index).Element("State")!.Value;
}
