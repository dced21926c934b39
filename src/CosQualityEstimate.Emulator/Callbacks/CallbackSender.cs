using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Emulator.Wire;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Emulator.Callbacks;

/// <summary>
/// Posts the TaskFinish callback of a finished job, fire-and-forget with a 10-second timeout, only to loopback hosts.
/// Never throws.
/// </summary>
internal sealed partial class CallbackSender : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout };
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _sent;
    private int _skipped;
    private int _failed;

    internal CallbackSender(ILogger logger) => _logger = logger;

    /// <summary>Callbacks delivered with any HTTP response.</summary>
    internal int SentCount => Volatile.Read(ref _sent);

    /// <summary>Callbacks not sent because the target is not a loopback host.</summary>
    internal int SkippedCount => Volatile.Read(ref _skipped);

    /// <summary>Callbacks whose POST failed (connection error or timeout).</summary>
    internal int FailedCount => Volatile.Read(ref _failed);

    internal void OnJobCompleted(EmulatedJob job, JobDetailXml detail)
    {
        var target = job.Request.CallBack;
        if (string.IsNullOrEmpty(target) || target == "no" || job.Request.CallBackType == "TDMQ")
        {
            return;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || !LoopbackHosts.IsLoopback(uri))
        {
            Interlocked.Increment(ref _skipped);
            LogSkipped(_logger, detail.JobId, uri?.Host ?? target);
            return;
        }

        var json = job.Request.CallBackFormat == "JSON";
        var body = json
            ? CallbackJson.Create(detail)
            : ResponseXmlWriter.Write(new JobsResponseXml { EventName = "TaskFinish", JobsDetail = { detail } });
        _ = SendAsync(uri, body, json ? "application/json" : "application/xml", detail.JobId);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }

    private async Task SendAsync(Uri uri, byte[] body, string contentType, string? jobId)
    {
        try
        {
            await Task.Yield();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            using var response = await _http.PostAsync(uri, content, _stopping.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            LogSent(_logger, jobId, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failed);
            LogFailed(_logger, jobId, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Callback of job {JobId} skipped: {Host} is not a loopback host.")]
    private static partial void LogSkipped(ILogger logger, string? jobId, string host);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Callback of job {JobId} delivered: HTTP {Status}.")]
    private static partial void LogSent(ILogger logger, string? jobId, int status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Callback of job {JobId} failed: {Error}.")]
    private static partial void LogFailed(ILogger logger, string? jobId, string error);
}
