using System.Globalization;
using CosQualityEstimate.Emulator.Faults;
using CosQualityEstimate.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Emulator.Routing;

/// <summary>
/// The single terminal middleware: stamps <c>x-ci-request-id</c> and <c>Date</c>, applies the fault plan, runs
/// <see cref="JobsApi"/>, and writes (or withholds) the response.
/// </summary>
internal sealed partial class EmulatorPipeline
{
    private static readonly TimeSpan SlowChunkInterval = TimeSpan.FromMilliseconds(100);

    private readonly JobsApi _api;
    private readonly EmulatorFaults _faults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _requests;

    internal EmulatorPipeline(JobsApi api, EmulatorFaults faults, TimeProvider time, ILogger logger)
    {
        _api = api;
        _faults = faults;
        _time = time;
        _logger = logger;
    }

    internal async Task InvokeAsync(HttpContext context)
    {
        var requestId = "emu-" + Interlocked.Increment(ref _requests).ToString("D12", CultureInfo.InvariantCulture);
        context.Response.Headers["x-ci-request-id"] = requestId;
        context.Response.Headers.Date = _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);

        try
        {
            var response = await ProcessAsync(context, requestId).ConfigureAwait(false);
            if (response is null)
            {
                context.Abort();
                return;
            }

            await WriteAsync(context, response).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnhandled(_logger, requestId, ex);
            await WriteAsync(context, Responses.Error(500, ErrorCodes.InternalError, "The emulator failed to process the request.", requestId)).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the response to send, or <see langword="null"/> to abort the connection.</summary>
    private async Task<EmulatorResponse?> ProcessAsync(HttpContext context, string requestId)
    {
        var plan = _faults.Next(context.Request.Method);
        var fault = plan.OneShot;
        if (plan.Latency > TimeSpan.Zero)
        {
            await Task.Delay(plan.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (fault?.Kind == EmulatorFaultKind.Delay)
        {
            await Task.Delay(fault.DelayDuration, context.RequestAborted).ConfigureAwait(false);
        }

        if (plan.DropBefore || fault?.Kind == EmulatorFaultKind.DropBeforeProcessing)
        {
            return null;
        }

        if (fault?.Kind == EmulatorFaultKind.Status)
        {
            return Responses.Error(fault.StatusCode, fault.ErrorCode!, "Injected fault.", requestId) with
            {
                Headers = fault.RetryAfterSeconds is { } retryAfter ? new[] { KeyValuePair.Create("Retry-After", retryAfter) } : Array.Empty<KeyValuePair<string, string>>(),
            };
        }

        if (fault?.Kind == EmulatorFaultKind.HtmlGateway)
        {
            return Responses.Html(fault.StatusCode);
        }

        if (plan.ErrorStatus != 0)
        {
            return Responses.Error(plan.ErrorStatus, plan.ErrorCode!, "Injected fault.", requestId);
        }

        var query = RawQuery.Parse(context.Request.QueryString.Value);
        var response = await _api.HandleAsync(context, query, requestId).ConfigureAwait(false);
        if (plan.DropAfter || fault?.Kind == EmulatorFaultKind.DropAfterProcessing)
        {
            return null;
        }

        if (fault?.Kind == EmulatorFaultKind.MalformedBody && response.Body.Length > 0)
        {
            return new EmulatorResponse(200, Responses.XmlContentType, response.Body.AsSpan(0, Math.Max(1, response.Body.Length / 2)).ToArray());
        }

        return response;
    }

    private async Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.BodyLength ?? response.Body.Length;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.BodyLength is not null)
        {
            if (response.WriteBody is { } writeBody && !HttpMethods.IsHead(context.Request.Method))
            {
                await writeBody(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        var rate = _faults.SlowBodyBytesPerSecond;
        if (rate <= 0)
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var chunk = Math.Max(1, rate / 10);
        for (var offset = 0; offset < response.Body.Length; offset += chunk)
        {
            var count = Math.Min(chunk, response.Body.Length - offset);
            await context.Response.Body.WriteAsync(response.Body.AsMemory(offset, count), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (offset + count < response.Body.Length)
            {
                await Task.Delay(SlowChunkInterval, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Request {RequestId} failed in the emulator.")]
    private static partial void LogUnhandled(ILogger logger, string requestId, Exception exception);
}
