using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace CosQualityEstimate.Http;

/// <summary>
/// Sends <see cref="CosRequest"/>s: for each attempt build a new message → sign it → send → read the body (bounded) →
/// map errors; around the attempts the resilience pipeline (timeouts, retries), one clock-skew correction and one
/// credential refresh. One instance per client; thread-safe.
/// </summary>
internal sealed class CosHttpPipeline
{
    /// <summary>One attempt inside the resilience pipeline: counts it, marks the last one, sends it (a static delegate, allocated once).</summary>
    private static readonly Func<ResilienceContext, (CosHttpPipeline Pipeline, CosRequest Request, AttemptState AttemptState), ValueTask<CosResponse>> AttemptCallback =
        static (ctx, state) =>
        {
            // The attempt number within this run of the pipeline (0 on the first), for the request-start log; kept in the
            // call's AttemptState rather than a context property (no boxed int per attempt).
            var attempt = state.AttemptState.RunAttempts++;
            state.AttemptState.Attempts++;
            if (!HasAttemptsLeft(state.Request, state.AttemptState))
            {
                ctx.Properties.Set(ResilienceRules.AttemptsExhausted, true); // this attempt is the request's last
            }

            // The attempt's own (pooled) value task, not an async lambda around it (one state machine less per attempt);
            // Polly awaits it exactly once, which a pooled ValueTask requires.
            return state.Pipeline.SendOnceAsync(state.Request, attempt, ctx.CancellationToken, state.AttemptState);
        };

    /// <summary>
    /// <see cref="AttemptCallback"/> as the outcome Polly's <c>ExecuteOutcomeAsync</c> takes: the attempt's failure is
    /// returned as the outcome's exception (what Polly's <c>ExecuteAsync</c> does around a callback, in an async method of
    /// its own that is allocated per attempt), here in a pooled one.
    /// </summary>
    private static readonly Func<ResilienceContext, (CosHttpPipeline Pipeline, CosRequest Request, AttemptState AttemptState), ValueTask<Outcome<CosResponse>>> AttemptOutcomeCallback =
        static (ctx, state) => AttemptOutcomeAsync(ctx, state);

    private readonly HttpClient _httpClient;
    private readonly Uri _baseUri;
    private readonly string _userAgent;
    private readonly ResiliencePipeline _resilience;

    /// <summary>The resilience pipeline typed to <see cref="CosResponse"/> (the client's default retry, see
    /// <see cref="RequestRetryOptions.BuildTypedRetry"/>), run instead of <see cref="_resilience"/>; <see langword="null"/> for a
    /// caller's own or configured pipeline, which is untyped.</summary>
    private readonly ResiliencePipeline<CosResponse>? _typedResilience;
    private readonly ICosCredentialProvider _credentials;
    private readonly TimeProvider _time;

    /// <summary>The overall and attempt timeouts this pipeline applies itself (the client's default pipeline, whose Polly
    /// part is then the retry alone); <see langword="null"/> when the resilience pipeline holds them (or none).</summary>
    private readonly CallTimeouts? _timeouts;

    /// <summary>The last query-less request URI built (path and URI): a client sending the same call again (submits to
    /// <c>/jobs</c>) reuses it instead of escaping and parsing the same URI each time. A <see cref="Uri"/> is immutable.</summary>
    private BuiltUri? _lastUri;

    internal CosHttpPipeline(HttpClient httpClient, Uri baseUri, RequestSigner signer, string userAgent, ResiliencePipeline resilience, ICosCredentialProvider credentials, TimeProvider time, ILogger logger, CallTimeouts? timeouts = null, ResiliencePipeline<CosResponse>? typedResilience = null)
    {
        _typedResilience = typedResilience;
        _timeouts = timeouts;
        _httpClient = httpClient;
        _baseUri = baseUri;
        Signer = signer;
        _userAgent = userAgent;
        _resilience = resilience;
        _credentials = credentials;
        _time = time;
        Logger = logger;
    }

    internal RequestSigner Signer { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Sends <paramref name="request"/> through the resilience pipeline and returns the 2xx response, or throws
    /// <see cref="CosServiceException"/> (the service answered with an error), <see cref="CosResponseFormatException"/>
    /// (an answer that cannot be read) or <see cref="CosTransportException"/> (no usable answer: the transport failure
    /// or timeout of the last attempt, kept as its inner exception).
    /// </summary>
    internal Task<CosResponse> SendAsync(CosRequest request, CancellationToken cancellationToken) =>
        SendPooledAsync(request, cancellationToken).AsTask();

    /// <summary>
    /// <see cref="SendAsync(CosRequest, CancellationToken)"/> as a pooled <see cref="ValueTask{TResult}"/>, for a caller
    /// that awaits it at once (the job submit): no task is allocated for the call. Await it exactly once; never keep it.
    /// </summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal ValueTask<CosResponse> SendPooledAsync(CosRequest request, CancellationToken cancellationToken)
    {
        request.Reader = null;
        return SendCoreAsync(request, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> as <see cref="SendAsync(CosRequest, CancellationToken)"/> does and reads the 2xx
    /// response with <paramref name="read"/>: inside each attempt for an idempotent request, so an unreadable answer
    /// (<paramref name="read"/> throws <see cref="CosResponseFormatException"/>) is retried like a body lost in transit;
    /// after the pipeline returns for a non-idempotent one, whose unreadable answer is never resent.
    /// </summary>
    /// <param name="request">The call.</param>
    /// <param name="read">Reads the service's answer; knows its format (this layer knows none).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal async Task<T> SendAsync<T>(CosRequest request, Func<CosResponse, T> read, CancellationToken cancellationToken)
    {
        request.Reader = request.IsIdempotent ? response => read(response) : null;
        var success = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        return request.IsIdempotent ? (T)success.Value! : read(success);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CosResponse> SendCoreAsync(CosRequest request, CancellationToken cancellationToken)
    {
        var skewCorrected = false;
        var credentialRefreshed = false;
        var attemptState = new AttemptState();
        while (true)
        {
            try
            {
                // The attempts inside the resilience pipeline, in this method's own state machine (no extra layer); the
                // overall timeout of the client's default pipeline around them, when this pipeline applies it itself.
                var overall = _timeouts is { } timeouts ? timeouts.Begin(timeouts.Overall, cancellationToken) : TimeoutScope.Pass(cancellationToken);
                var context = ResilienceContextPool.Shared.Get(request.Operation, overall.Token);
                attemptState.RunAttempts = 0;
                try
                {
                    context.Properties.Set(ResilienceRules.IsIdempotent, request.IsIdempotent);
                    context.Properties.Set(ResilienceRules.Operation, request.Operation);
                    var state = (Pipeline: this, Request: request, AttemptState: attemptState);
                    var outcome = _typedResilience is { } typed
                        ? await typed.ExecuteOutcomeAsync(AttemptOutcomeCallback, context, state).ConfigureAwait(false)
                        : await _resilience.ExecuteOutcomeAsync(AttemptOutcomeCallback, context, state).ConfigureAwait(false);
                    outcome.ThrowIfException(); // the last attempt's failure, rethrown with its stack, as ExecuteAsync does
                    return outcome.Result!;
                }
                catch (Exception ex) when (overall.TimedOut(ex))
                {
                    throw overall.Rejected(ex); // as Polly's overall timeout strategy would
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                    overall.End();
                }
            }
            catch (CosServiceException ex) when (!skewCorrected && HasAttemptsLeft(request, attemptState) && IsClockSkew(ex, out var serverDate))
            {
                // A skewed request is rejected before processing, so resending (even a submit) cannot duplicate.
                skewCorrected = true;
                Signer.ClockOffset = serverDate - _time.GetUtcNow();
                Log.ClockSkewCorrected(Logger, (long)Signer.ClockOffset.TotalMilliseconds);
            }
            catch (CosServiceException ex) when (!credentialRefreshed && HasAttemptsLeft(request, attemptState) && FailureClassifier.IsCredentialRejection(ex) && _credentials is IRefreshableCosCredentialProvider refreshable && attemptState.Credential is { } rejected)
            {
                // Rejected credentials are checked before processing, so one resend after a refresh cannot duplicate.
                credentialRefreshed = true;
                Log.CredentialRefreshing(Logger, ex.ErrorCode);
                await refreshable.RefreshAsync(rejected, cancellationToken).ConfigureAwait(false);
                Signer.Invalidate();
            }
            catch (TimeoutRejectedException ex) when (attemptState.SuccessStatusWithoutBody is int status)
            {
                // Timed out while reading a 2xx body: the request was processed; say so with the status.
                throw new CosResponseFormatException(status, attemptState.RequestId, string.Empty, null, "the success response's body did not arrive before the timeout.", ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (IsTransportFailure(ex))
                {
                    throw new CosTransportException(request.Operation, ex is TimeoutRejectedException or OperationCanceledException, ResilienceRules.Describe(ex), ex);
                }

                throw;
            }
        }
    }

    /// <summary>One attempt (<see cref="AttemptCallback"/>) with its failure as the outcome's exception. Polly awaits each
    /// callback's task exactly once, so it can be a pooled one.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<CosResponse>> AttemptOutcomeAsync(ResilienceContext context, (CosHttpPipeline Pipeline, CosRequest Request, AttemptState AttemptState) state)
    {
        try
        {
            return Outcome.FromResult(await AttemptCallback(context, state).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Not swallowed: the failure is the outcome's, rethrown once the pipeline returns.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Outcome.FromException<CosResponse>(ex);
        }
    }

    private static bool HasAttemptsLeft(CosRequest request, AttemptState attemptState) =>
        request.MaxAttempts is not int max || attemptState.Attempts < max;

    /// <summary>
    /// Failures of the transport rather than answers: resets, refused connections, I/O errors, Polly's timeouts, and
    /// cancellations the caller did not ask for (<see cref="HttpClient.Timeout"/>, a handler's own timeout).
    /// </summary>
    private static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutRejectedException or OperationCanceledException or System.Net.Sockets.SocketException;

    /// <summary>
    /// True when the service rejected the request's time and said what time it is: <c>RequestTimeTooSkewed</c>, or
    /// <c>AccessDenied</c> "Request has expired" while the service's <c>Date</c> is more than 30 s from ours (a slow
    /// local clock makes a freshly signed window look expired).
    /// </summary>
    private bool IsClockSkew(CosServiceException exception, out DateTimeOffset serverDate)
    {
        serverDate = exception.ServerDate ?? default;
        if (exception.ServerDate is null)
        {
            return false;
        }

        if (exception.ErrorCode == "RequestTimeTooSkewed")
        {
            return true;
        }

        return exception.ErrorCode == "AccessDenied"
            && exception.ServiceMessage?.Contains("expired", StringComparison.OrdinalIgnoreCase) == true
            && (serverDate - Signer.Now).Duration() > TimeSpan.FromSeconds(30);
    }

    /// <summary>One attempt: a new message, a fresh signature, the response read in full.</summary>
    /// <param name="request">The call.</param>
    /// <param name="attempt">Attempt number, for logs.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="attemptState">Receives the credential this attempt was signed with and whether a 2xx arrived without its body.</param>
    /// <remarks>A pooled <see cref="ValueTask{TResult}"/> (its state machine box is reused, not allocated per attempt): the
    /// caller must await it exactly once and never keep it.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<CosResponse> SendOnceAsync(CosRequest request, int attempt, CancellationToken cancellationToken, AttemptState? attemptState = null)
    {
        // The attempt timeout of the client's default pipeline, when this pipeline applies it itself: the attempt runs
        // with the scope's token, and a cancellation the scope's limit caused leaves as Polly's timeout exception.
        var timeout = _timeouts is { } timeouts ? timeouts.Begin(timeouts.Attempt, cancellationToken) : TimeoutScope.Pass(cancellationToken);
        cancellationToken = timeout.Token;
        try
        {
            // One activity per HTTP attempt, a child of the public call's activity; its name is built only when someone listens.
            using var activity = CosDiagnostics.ActivitySource.HasListeners()
                ? CosDiagnostics.ActivitySource.StartActivity("CosQualityEstimate." + request.Operation, ActivityKind.Client)
                : null;
            activity?.SetTag("http.request.method", request.Method.Method);
            activity?.SetTag("url.path", request.Path);
            activity?.SetTag("http.request.resend_count", attempt);
            var started = _time.GetTimestamp();
            var method = request.Method.Method;
            Log.RequestStarting(Logger, request.Operation, method, request.Path, attempt);
            int status = 0;
            try
            {
                using var message = CreateMessage(request);
                var credential = await Signer.SignAsync(message, request.Path, request.Query, cancellationToken).ConfigureAwait(false);
                if (attemptState is not null)
                {
                    attemptState.Credential = credential;
                    attemptState.SuccessStatusWithoutBody = null;
                }

                using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var requestId = ResponseHeaders.GetRequestId(response.Headers);
                activity?.SetTag("http.response.status_code", status);
                activity?.SetTag("cos.request_id", requestId);
                byte[] body;
                try
                {
                    // HEAD: the Content-Length describes the object, not a body.
                    body = request.Method == HttpMethod.Head ? [] : await ResponseBodyReader.ReadAsync(response, status, requestId, status is >= 200 and <= 299 ? request.MaxSuccessBodyBytes : null, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (status is >= 200 and <= 299 && ex is not CosResponseFormatException)
                {
                    // The service answered success, so it processed the request: a body lost to a reset or a timeout must
                    // never look like a transport failure that a submit could be resent after.
                    if (attemptState is not null)
                    {
                        attemptState.SuccessStatusWithoutBody = status;
                        attemptState.RequestId = requestId;
                    }

                    if (ex is OperationCanceledException)
                    {
                        throw; // attempt timeout or caller cancellation: handled once the pipeline returns
                    }

                    throw new CosResponseFormatException(status, requestId, string.Empty, null, "the success response's body could not be read (" + ResilienceRules.Describe(ex) + ").", ex);
                }
                var elapsed = _time.GetElapsedTime(started);
                Record(request, status, elapsed);

                if (status is < 200 or > 299)
                {
                    var error = ServiceErrorMapper.Map(status, body, requestId, ResponseHeaders.GetTraceId(response.Headers));
                    error.RetryAfter = GetRetryAfter(response.Headers);
                    error.ServerDate = response.Headers.Date;
                    Log.RequestFailed(Logger, request.Operation, method, request.Path, (long)elapsed.TotalMilliseconds, ResilienceRules.Describe(error), status, error.ErrorCode, error.RequestId);
                    throw error;
                }

                var success = new CosResponse(status, body, requestId, request.CaptureHeaders ? ResponseHeaders.CaptureObjectHeaders(response) : null);
                if (request.Reader is { } reader)
                {
                    // Inside the attempt: an unreadable answer fails this attempt and the retry rule resends the request.
                    success.Value = reader(success);
                }

                Log.RequestCompleted(Logger, request.Operation, method, request.Path, status, (long)elapsed.TotalMilliseconds, requestId);
                return success;
            }
            catch (Exception ex) when (CosDiagnostics.Fail(activity, ex))
            {
                throw; // never reached: the filter only marks the activity
            }
            catch (Exception ex) when (ex is not CosServiceException || ex is CosResponseFormatException)
            {
                var elapsed = _time.GetElapsedTime(started);
                if (status == 0)
                {
                    Record(request, 0, elapsed);
                }

                Log.RequestFailed(Logger, request.Operation, method, request.Path, (long)elapsed.TotalMilliseconds, ResilienceRules.Describe(ex), status, null, (ex as CosResponseFormatException)?.RequestId);
                throw;
            }
        }
        catch (Exception ex) when (timeout.TimedOut(ex))
        {
            throw timeout.Rejected(ex); // as Polly's attempt timeout strategy would
        }
        finally
        {
            timeout.End();
        }
    }

    private static void Record(CosRequest request, int status, TimeSpan elapsed)
    {
        if (!CosDiagnostics.RequestDuration.Enabled)
        {
            return; // no listener: skip boxing the status for tags nobody reads
        }

        CosDiagnostics.RequestDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("operation", request.Operation),
            new KeyValuePair<string, object?>("http.response.status_code", status));
    }

    private TimeSpan? GetRetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - (headers.Date ?? _time.GetUtcNow());
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal HttpRequestMessage CreateMessage(CosRequest request)
    {
        var message = new HttpRequestMessage(request.Method, BuildUri(request))
        {
            Version = _httpClient.DefaultRequestVersion,
            VersionPolicy = _httpClient.DefaultVersionPolicy,
        };
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (request.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.ContentFactory is { } factory)
        {
            message.Content = factory();
        }
        else if (request.Body is { } body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = XmlBody.ContentType;
            content.Headers.ContentLength = body.Length;
            message.Content = content;
        }

        return message;
    }

    private Uri BuildUri(CosRequest request)
    {
        if (request.Query.Count != 0)
        {
            return BuildUriCore(request);
        }

        if (_lastUri is { } last && string.Equals(last.Path, request.Path, StringComparison.Ordinal))
        {
            return last.Uri;
        }

        var uri = BuildUriCore(request);
        _lastUri = new BuiltUri(request.Path, uri);
        return uri;
    }

    private Uri BuildUriCore(CosRequest request)
    {
        var builder = new StringBuilder(128);
        builder.Append(_baseUri.GetLeftPart(UriPartial.Authority));
        var basePath = _baseUri.AbsolutePath.TrimEnd('/');
        builder.Append(basePath);
        foreach (var segment in request.Path.Split('/'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            builder.Append('/').Append(EscapePathSegment(segment));
        }

        if (request.Path.EndsWith('/') || request.Path.Length == 0)
        {
            builder.Append('/');
        }

        var separator = '?';
        foreach (var (name, value) in request.Query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name));
            if (value.Length > 0)
            {
                builder.Append('=').Append(Uri.EscapeDataString(value));
            }

            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>A request path (without query) and the URI built for it.</summary>
    private sealed record BuiltUri(string Path, Uri Uri);

    /// <summary>RFC 3986 escaping of one path segment; ',' stays literal because the service lists job ids as <c>/jobs/a,b</c>.</summary>
    private static string EscapePathSegment(string segment) => Uri.EscapeDataString(segment).Replace("%2C", ",", StringComparison.Ordinal);
}
