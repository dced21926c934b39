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
    /// <exception cref="CosResponseFormatException">The answer was unreadable and no job could be fetched for it; nothing was resent (its <see cref="CosResponseFormatException.JobId"/> names the job when the body did).</exception>
    /// <exception cref="CosServiceException">The service refused the request.</exception>
    public virtual async Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = CosDiagnostics.StartCall("SubmitQualityEstimateJob");
        return await SubmitCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The submit behind <see cref="SubmitQualityEstimateJobAsync"/>, without an activity of its own; plumbing calls this, never the virtual method.</summary>
    internal async Task<JobDetail> SubmitCoreAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken)
    {
        JobRequestValidator.Validate(request);
        var token = request.ClientToken ?? (_useClientTokens ? ClientToken.New() : null);
        if (token is not null)
        {
            JobRequestValidator.ValidateWithClientToken(request, token);
        }

        var body = JobRequestWriter.Write(JobRequestConverter.ToWire(request, token));
        return await new SubmitSafety(this, Pipeline, _retry).SubmitAsync(body, request.ObjectKey, token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Key under which a failed submit records its client token in <see cref="Exception.Data"/> (with
    /// <see cref="ObjectKeyDataKey"/>), so a caller can look the job up with <c>ListJobsAsync</c> and
    /// <c>JobDetail.ClientToken</c> even after a cancellation.
    /// </summary>
    public const string ClientTokenDataKey = "CosQualityEstimate.ClientToken";

    /// <summary>Key under which a failed submit records its input object key in <see cref="Exception.Data"/>.</summary>
    public const string ObjectKeyDataKey = "CosQualityEstimate.ObjectKey";

    /// <summary>Submits a QualityEstimate job and returns an operation that follows it to its end.</summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="cancellationToken">Cancels the submit.</param>
    public virtual async Task<QualityEstimateOperation> StartQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = CosDiagnostics.StartCall("StartQualityEstimateJob");
        var job = await SubmitCoreAsync(request, cancellationToken).ConfigureAwait(false);
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
        using var activity = CosDiagnostics.StartCall("EstimateQuality");
        return await EstimateQualityCoreAsync(request, polling, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Submit and wait behind <see cref="EstimateQualityAsync"/> and <see cref="EstimateFileQualityAsync"/>, inside the
    /// caller's activity: the submit's HTTP attempts and reconciliation look-ups and the wait's activity are its children.
    /// Calls only internal paths (rule: plumbing never calls the public virtual surface).
    /// </summary>
    internal async Task<QualityEstimateOutcome> EstimateQualityCoreAsync(QualityEstimateJobRequest request, JobPollingOptions? polling, CancellationToken cancellationToken)
    {
        var operation = new QualityEstimateOperation(this, await SubmitCoreAsync(request, cancellationToken).ConfigureAwait(false));
        try
        {
            return await operation.WaitCoreAsync(polling ?? new JobPollingOptions(), cancellationToken).ConfigureAwait(false);
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
    public virtual Task<JobDetail> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        return Traced("GetJob", (Client: this, JobId: jobId), static (s, ct) => s.Client.GetJobCoreAsync(s.JobId, ct), cancellationToken);
    }

    /// <summary>The describe call behind <see cref="GetJobAsync"/>; plumbing (submit safety) calls this, never the virtual method.</summary>
    internal async Task<JobDetail> GetJobCoreAsync(string jobId, CancellationToken cancellationToken)
    {
        var request = new CosRequest("GetJob", HttpMethod.Get, "/jobs/" + jobId) { IsIdempotent = true, ParseJobsResponse = true };
        var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = response.Jobs ?? JobsResponseParser.Parse(response);
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
        using var activity = CosDiagnostics.StartCall("GetJobs");
        return await GetJobsCoreAsync(jobIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The look-up behind <see cref="GetJobsAsync"/> and <see cref="ConfirmCallbackAsync"/>; plumbing calls this, never the virtual method.</summary>
    internal async Task<JobsLookupResult> GetJobsCoreAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken)
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
            var request = new CosRequest("GetJobs", HttpMethod.Get, "/jobs/" + string.Join(',', chunk)) { IsIdempotent = true, ParseJobsResponse = true };
            var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var parsed = response.Jobs ?? JobsResponseParser.Parse(response);
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
        // Each page is one "GetJobsPage" call activity, fetched through the internal path, never the virtual GetJobsPageAsync.
        return new JobsPageable((token, ct) => Traced("GetJobsPage", (Client: this, Options: filters, Token: token), static (s, c) => s.Client.GetJobsPageCoreAsync(s.Options, s.Token, c), ct));
    }

    /// <summary>Fetches one page of a job listing.</summary>
    /// <param name="options">Filters and page size; defaults when <c>null</c>.</param>
    /// <param name="continuationToken">The <see cref="JobsPage.ContinuationToken"/> of the previous page, or <c>null</c> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<JobsPage> GetJobsPageAsync(ListJobsOptions? options, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        Traced("GetJobsPage", (Client: this, Options: options ?? new ListJobsOptions(), Token: continuationToken), static (s, ct) => s.Client.GetJobsPageCoreAsync(s.Options, s.Token, ct), cancellationToken);

    /// <summary>The list call behind <see cref="GetJobsPageAsync"/>; plumbing (submit safety, look-ups) calls this, never the virtual method.</summary>
    internal async Task<JobsPage> GetJobsPageCoreAsync(ListJobsOptions options, string? continuationToken, CancellationToken cancellationToken)
    {
        var request = ListJobsRequest.Create(options, continuationToken);
        var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = response.Jobs ?? JobsResponseParser.Parse(response);
        return new JobsPage(JobDetailConverter.ToPublic(parsed.JobsDetail, response.RequestId), parsed.NextToken?.Trim(), response.RequestId);
    }

    /// <summary>
    /// Finds the job a submit with <paramref name="clientToken"/> created for <paramref name="objectKey"/>: lists the
    /// object's QualityEstimate jobs created since <paramref name="since"/> (newest first, every page) and returns the one
    /// whose <see cref="JobDetail.ClientToken"/> equals the token, or <c>null</c> when none does. Use it before submitting
    /// again after a crash or a <see cref="SubmitOutcomeUnknownException"/>: a token identifies one submit, so a job
    /// found here must not be submitted again.
    /// </summary>
    /// <param name="objectKey">The input object of the submit (<c>Input/Object</c>).</param>
    /// <param name="clientToken">The token the submit carried (<see cref="QualityEstimateJobRequest.ClientToken"/>, or
    /// <see cref="SubmitOutcomeUnknownException.ClientToken"/>): 1–64 letters, digits, '-' or '_'.</param>
    /// <param name="since">The earliest creation time to look at; take the time before the submit minus a margin for
    /// clock differences (the client's own reconciliation uses 15 minutes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, or <c>null</c> when no job created since <paramref name="since"/> carries the token.</returns>
    /// <exception cref="ArgumentException"><paramref name="objectKey"/> is empty or <paramref name="clientToken"/> is not a valid token.</exception>
    public virtual Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectKey);
        ArgumentNullException.ThrowIfNull(clientToken);
        try
        {
            ClientToken.Validate(clientToken);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(ex.Message, nameof(clientToken), ex);
        }

        return Traced("FindJobByClientToken", (Client: this, ObjectKey: objectKey, Token: clientToken, Since: since), static (s, ct) => ClientTokenLookup.FindOnceAsync(s.Client, s.ObjectKey, s.Token, s.Since, int.MaxValue, ct), cancellationToken);
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

        return Traced("ConfirmCallback", (Client: this, Ids: ids), static (s, ct) => s.Client.GetJobsCoreAsync(s.Ids, ct), cancellationToken);
    }

    /// <summary>Cancels a job (<c>PUT /jobs/&lt;jobId&gt;?cancel</c>). Only jobs that have not started (Submitted or Pause) can be cancelled.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="JobCancellationRefusedException">The service refused: the job is running or finished.</exception>
    public virtual async Task CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        using var activity = CosDiagnostics.StartCall("CancelJob");
        JobIdValidator.Validate(jobId, nameof(jobId));
        await CancelJobCoreAsync(jobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cancel call behind <see cref="CancelJobAsync"/>; the operation calls this, never the virtual method.</summary>
    internal async Task CancelJobCoreAsync(string jobId, CancellationToken cancellationToken)
    {
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
        return Traced(
            "WaitForCompletion",
            (Client: this, JobId: jobId, Polling: polling ?? new JobPollingOptions()),
            static (s, ct) => JobWaiter.WaitAsync(c => s.Client.GetJobCoreAsync(s.JobId, c), s.JobId, null, s.Polling, s.Client.Time, s.Client.Logger, ct),
            cancellationToken);
    }

    /// <summary>Runs one public call inside its activity (<see cref="CosDiagnostics.StartCall"/>), marking it failed on an exception.</summary>
    private static async Task<T> Traced<TState, T>(string operation, TState state, Func<TState, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var activity = CosDiagnostics.StartCall(operation);
        try
        {
            return await call(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CosDiagnostics.Fail(activity, ex))
        {
            throw; // never reached: the filter only marks the activity
        }
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
