using System.Reflection;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Client for the CI jobs API of one bucket: submit QualityEstimate jobs and follow them to a score.
/// Thread-safe and meant to be reused for the lifetime of the application (one per bucket and region).
/// </summary>
/// <remarks>
/// Disposing the client disposes only what it created: the <see cref="HttpClient"/> of
/// <see cref="JobsClient(JobsClientOptions)"/>. An <see cref="HttpClient"/> passed to
/// <see cref="JobsClient(HttpClient, JobsClientOptions)"/> stays the caller's and is never disposed by the client.
/// </remarks>
public partial class JobsClient : IDisposable
{
    private readonly CosHttpPipeline? _pipeline;
    private readonly CosRetryOptions _retry = new();
    private readonly bool _useClientTokens;
    private readonly HttpClient? _ownedHttpClient;
    private volatile bool _disposed;


    /// <summary>For mocking only: every member of a client built this way throws.</summary>
    protected JobsClient()
    {
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Bucket, region, credential and signing settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public JobsClient(JobsClientOptions options)
        : this(CreateOwnedHttpClient(options), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/> (for example a typed client from
    /// <c>IHttpClientFactory</c>). The client signs every request itself; the HttpClient needs no handler for that.
    /// </summary>
    /// <param name="httpClient">The HttpClient to send with. Its BaseAddress is ignored: the endpoint comes from <paramref name="options"/>.</param>
    /// <param name="options">Bucket, region, credential and signing settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public JobsClient(HttpClient httpClient, JobsClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private JobsClient(HttpClient httpClient, JobsClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        JobsClientOptionsValidator.ThrowIfInvalid(options);

        Bucket = options.Bucket!;
        Region = options.Region!;
        Endpoint = options.Endpoint ?? new Uri($"https://{options.Bucket}.ci.{options.Region}.myqcloud.com/");
        Time = options.TimeProvider;
        _retry = options.Retry.Clone(); // later changes to the caller's options must not change this client
        _useClientTokens = options.UseClientTokens;
        var logger = options.LoggerFactory?.CreateLogger("CosQualityEstimate") ?? NullLogger.Instance;
        var credentials = options.CredentialProvider ?? new StaticCosCredentialProvider(options.Credential!);
        var signer = new RequestSigner(credentials, options.TimeProvider, options.SignatureValidity, options.SessionTokenHeaderName);
        var resilience = options.ResiliencePipeline ?? BuildResilience(options, logger);
        _pipeline = new CosHttpPipeline(httpClient, Endpoint, signer, options.UserAgent ?? DefaultUserAgent, resilience, credentials, options.TimeProvider, logger);
        (_objects, _uploadKeyPrefix) = CreateObjects(httpClient, options);
    }

    private static ResiliencePipeline BuildResilience(JobsClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        builder.AddCosDefaults(options.Retry, logger);
        options.ConfigureResilience?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The default <c>User-Agent</c>: <c>cos-quality-estimate-dotnet/&lt;version&gt;</c>.</summary>
    public static string DefaultUserAgent { get; } =
        "cos-quality-estimate-dotnet/" + (typeof(JobsClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>The bucket, <c>BucketName-APPID</c>.</summary>
    public virtual string Bucket { get; } = string.Empty;

    /// <summary>The bucket's region.</summary>
    public virtual string Region { get; } = string.Empty;

    /// <summary>The service endpoint requests are sent to.</summary>
    public virtual Uri Endpoint { get; } = new("https://localhost/");

    /// <summary>The clock used for signing and waiting.</summary>
    internal TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>Most job ids the client puts in one <c>GET /jobs/&lt;id1&gt;,&lt;id2&gt;,…</c>; longer lists are split.</summary>
    internal const int MaxJobIdsPerLookup = 50;

    internal ILogger Logger => _pipeline?.Logger ?? NullLogger.Instance;

    private CosHttpPipeline Pipeline => _disposed
        ? throw new ObjectDisposedException(nameof(JobsClient))
        : _pipeline ?? throw new InvalidOperationException("This JobsClient was created for mocking and cannot send requests.");

    /// <summary>Disposes what the client created (see the remarks on <see cref="JobsClient"/>); later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the <see cref="HttpClient"/> the client created itself, if any; never one passed in.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }

    /// <summary>Validates first, so that invalid options never leave an undisposed HttpClient behind.</summary>
    private static HttpClient CreateOwnedHttpClient(JobsClientOptions options)
    {
        JobsClientOptionsValidator.ThrowIfInvalid(options);
        return CreateDefaultHttpClient();
    }

    /// <summary>
    /// Submits a QualityEstimate job (<c>POST /jobs</c>). The request is validated before anything is sent.
    /// A submit costs money: it is resent only when the attempt provably never reached the service (connection or DNS
    /// failure, throttling), or — with a client token — after listing the object's jobs proved the attempt created none.
    /// </summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created job, usually in state Submitted.</returns>
    /// <exception cref="ArgumentException">The request breaks a service rule; the parameter name says which field.</exception>
    /// <exception cref="SubmitOutcomeUnknownException">The outcome could not be determined; nothing was resent.</exception>
    /// <exception cref="CosServiceException">The service refused the request or answered unreadably.</exception>
    public virtual async Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default)
    {
        JobRequestValidator.Validate(request);
        var token = request.ClientToken ?? (_useClientTokens ? ClientToken.New() : null);
        if (token is not null)
        {
            JobRequestValidator.ValidateWithClientToken(request, token);
        }

        var body = JobRequestWriter.Write(JobRequestConverter.ToWire(request, token));
        // The local clock when the call started; mapped to the service's clock only when reconciling, because a
        // RequestTimeTooSkewed answer during this call may still correct the signer's clock offset.
        var startedLocal = Time.GetUtcNow();
        for (var resend = 0; ; resend++)
        {
            JobDetail job;
            string? requestId;
            try
            {
                (job, requestId) = await SendSubmitAsync(body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (Annotate(ex, request.ObjectKey, token) && FailureClassifier.Classify(ex, cancellationToken) == FailureKind.Ambiguous)
            {
                if (ex is CosResponseFormatException { JobId: { } namedJobId } unreadable)
                {
                    // The answer was unreadable but named the job: it exists, so fetch it rather than lose it.
                    return await RecoverNamedJobAsync(namedJobId, unreadable, cancellationToken).ConfigureAwait(false);
                }

                var reason = ResilienceRules.Describe(ex) + ".";
                if (token is null)
                {
                    throw new SubmitOutcomeUnknownException(request.ObjectKey, null, reason, ex);
                }

                Log.SubmitReconciling(Pipeline.Logger, reason, resend + 1);
                var since = startedLocal + Pipeline.Signer.ClockOffset - SubmitReconciler.Lookback;
                var found = await new SubmitReconciler(this, _retry, Time).FindAsync(request.ObjectKey, token, since, reason, ex, cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    Log.SubmitReconciled(Pipeline.Logger, found.JobId);
                    CosDiagnostics.JobsSubmitted.Add(1);
                    return found;
                }

                if (ex is CosResponseFormatException { Status: >= 200 and <= 299 })
                {
                    // A 2xx means the service processed the submit: a list that does not show the job yet proves nothing.
                    throw new SubmitOutcomeUnknownException(request.ObjectKey, token, reason + " The service answered with success, so a job was probably created; it was not found by its client token yet.", ex);
                }

                if (resend >= _retry.MaxRetries)
                {
                    // Proven not created, and out of retries: surface the last failure as it was.
                    throw;
                }

                Log.SubmitResending(Pipeline.Logger);
                continue;
            }

            // The job exists from here on: telemetry must not be able to turn it into a failure.
            try
            {
                Log.JobSubmitted(Pipeline.Logger, job.JobId, requestId);
                CosDiagnostics.JobsSubmitted.Add(1);
            }
#pragma warning disable CA1031 // A throwing log provider or meter listener must not lose a created (billed) job.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            return job;
        }
    }

    /// <summary>
    /// Key under which a failed submit records its client token in <see cref="Exception.Data"/> (with
    /// <see cref="ObjectKeyDataKey"/>), so a caller can look the job up with <c>ListJobsAsync</c> and
    /// <c>JobDetail.ClientToken</c> even after a cancellation.
    /// </summary>
    public const string ClientTokenDataKey = "CosQualityEstimate.ClientToken";

    /// <summary>Key under which a failed submit records its input object key in <see cref="Exception.Data"/>.</summary>
    public const string ObjectKeyDataKey = "CosQualityEstimate.ObjectKey";

    /// <summary>Exception filter helper: records what a caller needs to find the job; never catches.</summary>
    private static bool Annotate(Exception exception, string objectKey, string? token)
    {
        exception.Data[ObjectKeyDataKey] = objectKey;
        if (token is not null)
        {
            exception.Data[ClientTokenDataKey] = token;
        }

        return true;
    }

    private async Task<(JobDetail Job, string? RequestId)> SendSubmitAsync(byte[] body, CancellationToken cancellationToken)
    {
        var cosRequest = new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body, IsIdempotent = false };
        var response = await Pipeline.SendAsync(cosRequest, cancellationToken).ConfigureAwait(false);
        var parsed = JobsResponseParser.Parse(response);
        if (parsed.JobsDetail.Count == 0 || string.IsNullOrWhiteSpace(parsed.JobsDetail[0].JobId))
        {
            throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, "the submit response has no JobsDetail/JobId.");
        }

        return (JobDetailConverter.ToPublic(parsed.JobsDetail[0], response.RequestId), response.RequestId);
    }

    private async Task<JobDetail> RecoverNamedJobAsync(string jobId, CosResponseFormatException unreadable, CancellationToken cancellationToken)
    {
        try
        {
            return await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: keep the id the service returned on the cancellation itself.
            ex.Data[JobIdDataKey] = jobId;
            throw;
        }
#pragma warning disable CA1031 // Whatever failed, the unreadable-response exception carries the job id: never lose it.
        catch (Exception)
#pragma warning restore CA1031
        {
            throw unreadable;
        }
    }

    /// <summary>Submits a QualityEstimate job and returns an operation that follows it to its end.</summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="cancellationToken">Cancels the submit.</param>
    public virtual async Task<QualityEstimateOperation> StartQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default)
    {
        var job = await SubmitQualityEstimateJobAsync(request, cancellationToken).ConfigureAwait(false);
        return new QualityEstimateOperation(this, job);
    }

    /// <summary>
    /// The common case in one call: submits the job, waits for it, and returns the score and vqaPlus findings.
    /// If the wait ends early, the job id is not lost: <see cref="JobWaitTimeoutException"/> and <see cref="JobFailedException"/>
    /// carry it, and any other exception (cancellation, errors while polling) has it in <c>Data[</c><see cref="JobIdDataKey"/><c>]</c>.
    /// Use <see cref="StartQualityEstimateJobAsync"/> to hold the id before waiting.
    /// </summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="polling">Intervals and timeout of the wait; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the call (a submitted job keeps running).</param>
    /// <exception cref="JobFailedException">The job ended in Failed (with its Code and Message) or Cancel.</exception>
    /// <exception cref="JobWaitTimeoutException">The job did not complete within <see cref="JobPollingOptions.Timeout"/>.</exception>
    public virtual async Task<QualityEstimateOutcome> EstimateQualityAsync(QualityEstimateJobRequest request, JobPollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        var operation = await StartQualityEstimateJobAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation.WaitForCompletionAsync(polling ?? new JobPollingOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not JobFailedException and not JobWaitTimeoutException)
        {
            // The job exists and keeps running (and costing): never let the caller lose its id, whatever ended the wait.
            ex.Data[JobIdDataKey] = operation.Id;
            throw;
        }
    }

    /// <summary>
    /// Key under which <see cref="EstimateQualityAsync"/> records the job id in <see cref="Exception.Data"/> when waiting
    /// ends with an exception that has no JobId of its own (cancellation, a transport or service error while polling).
    /// </summary>
    public const string JobIdDataKey = "CosQualityEstimate.JobId";

    /// <summary>Describes one job (<c>GET /jobs/&lt;jobId&gt;</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="JobNotFoundException">The service does not know the job.</exception>
    public virtual async Task<JobDetail> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        var request = new CosRequest("GetJob", HttpMethod.Get, "/jobs/" + jobId) { IsIdempotent = true };
        var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = JobsResponseParser.Parse(response);
        foreach (var wire in parsed.JobsDetail)
        {
            if (string.Equals(wire.JobId?.Trim(), jobId, StringComparison.Ordinal))
            {
                return JobDetailConverter.ToPublic(wire, response.RequestId);
            }
        }

        if (parsed.JobsDetail.Count == 0 || parsed.NonExistJobIds.Count > 0)
        {
            throw new JobNotFoundException(jobId, response.Status, response.RequestId);
        }

        throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, $"the response does not describe job {jobId}.");
    }

    /// <summary>
    /// Describes several jobs (<c>GET /jobs/&lt;id1&gt;,&lt;id2&gt;,…</c>, split into requests of at most 50 ids; duplicates are asked once).
    /// </summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs found and the ids the service reported as non-existent.</returns>
    public virtual async Task<JobsLookupResult> GetJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in jobIds)
        {
            JobIdValidator.Validate(id, nameof(jobIds));
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        var jobs = new List<JobDetail>(ids.Count);
        var missing = new List<string>();
        var requestIds = new List<string>();
        for (var start = 0; start < ids.Count; start += MaxJobIdsPerLookup)
        {
            var chunk = ids.GetRange(start, Math.Min(MaxJobIdsPerLookup, ids.Count - start));
            var request = new CosRequest("GetJobs", HttpMethod.Get, "/jobs/" + string.Join(',', chunk)) { IsIdempotent = true };
            var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var parsed = JobsResponseParser.Parse(response);
            jobs.AddRange(JobDetailConverter.ToPublic(parsed.JobsDetail, response.RequestId));
            if (response.RequestId is { } requestId)
            {
                requestIds.Add(requestId);
            }

            foreach (var id in parsed.NonExistJobIds)
            {
                // Some services list several ids in one element.
                missing.AddRange(id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return new JobsLookupResult(jobs, missing, requestIds);
    }

    /// <summary>
    /// Lists QualityEstimate jobs (<c>GET /jobs?tag=QualityEstimate&amp;…</c>) across pages, following <c>NextToken</c>.
    /// Use <see cref="JobsPageable.AsPages"/> for pages and continuation tokens.
    /// </summary>
    /// <param name="options">Filters and page size; all jobs, newest first, 10 per page when <c>null</c>.</param>
    /// <exception cref="ArgumentException">An option is invalid (page size outside 1–100, end before start).</exception>
    public virtual JobsPageable ListJobsAsync(ListJobsOptions? options = null)
    {
        var filters = options ?? new ListJobsOptions();
        ListJobsRequest.Validate(filters);
        return new JobsPageable((token, ct) => GetJobsPageAsync(filters, token, ct));
    }

    /// <summary>Fetches one page of a job listing.</summary>
    /// <param name="options">Filters and page size; defaults when <c>null</c>.</param>
    /// <param name="continuationToken">The <see cref="JobsPage.ContinuationToken"/> of the previous page, or <c>null</c> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<JobsPage> GetJobsPageAsync(ListJobsOptions? options, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var request = ListJobsRequest.Create(options ?? new ListJobsOptions(), continuationToken);
        var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = JobsResponseParser.Parse(response);
        return new JobsPage(JobDetailConverter.ToPublic(parsed.JobsDetail, response.RequestId), parsed.NextToken?.Trim(), response.RequestId);
    }

    /// <summary>
    /// Confirms a callback with the service. Callbacks are not signed, so anyone who can reach the callback URL can post
    /// one: treat a parsed <see cref="JobCallback"/> as a hint and act on what this returns — the service's own view of
    /// the jobs it names (one <c>GET /jobs/&lt;ids&gt;</c>), with ids the service does not know listed separately.
    /// </summary>
    /// <param name="callback">The parsed callback.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<JobsLookupResult> ConfirmCallbackAsync(JobCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var ids = new List<string>(callback.Jobs.Count);
        foreach (var job in callback.Jobs)
        {
            if (string.IsNullOrWhiteSpace(job.JobId))
            {
                throw new ArgumentException("The callback names a job without a JobId; there is nothing to confirm.", nameof(callback));
            }

            ids.Add(job.JobId);
        }

        return GetJobsAsync(ids, cancellationToken);
    }

    /// <summary>Cancels a job (<c>PUT /jobs/&lt;jobId&gt;?cancel</c>). Only jobs that have not started (Submitted or Pause) can be cancelled.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="JobCancellationRefusedException">The service refused: the job is running or finished.</exception>
    public virtual async Task CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        var request = new CosRequest("CancelJob", HttpMethod.Put, "/jobs/" + jobId) { IsIdempotent = true };
        request.AddQuery("cancel", null);
        try
        {
            await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (CosServiceException ex) when (ex.Status is 400 or 409)
        {
            throw new JobCancellationRefusedException(jobId, ex);
        }
    }

    /// <summary>
    /// Waits until a job reaches Success, Failed or Cancel and returns it in that state (it does not throw for Failed).
    /// Polls with a growing interval on the client's clock; Pause is not terminal.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="polling">Intervals and timeout; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (the job itself keeps running).</param>
    /// <exception cref="JobWaitTimeoutException">The job did not complete within <see cref="JobPollingOptions.Timeout"/>.</exception>
    public virtual Task<JobDetail> WaitForCompletionAsync(string jobId, JobPollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        return JobWaiter.WaitAsync(ct => GetJobAsync(jobId, ct), jobId, null, polling ?? new JobPollingOptions(), Time, Logger, cancellationToken);
    }

    private static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the resilience pipeline owns attempt and overall timeouts
    };
}
