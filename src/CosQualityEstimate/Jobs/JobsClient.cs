using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;
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
    private readonly CosClientCore? _core;
    private readonly CosHttpPipeline? _pipeline;
    private readonly CosRetryOptions _retry = new();
    private readonly bool _useClientTokens;
    private volatile bool _disposed;

    /// <summary>The submit rules of this client, made at the first submit (they hold nothing per call).</summary>
    private SubmitSafety? _submitSafety;

    /// <summary>For mocking only: every member of a client built this way throws.</summary>
    protected JobsClient()
    {
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Bucket, region, credential and signing settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public JobsClient(JobsClientOptions options)
        : this(options, httpClient: null)
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
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    /// <summary>Validates, then builds the core (connection, signer, HttpClient when <paramref name="httpClient"/> is null), the pipeline and <see cref="Objects"/> on it.</summary>
    private JobsClient(JobsClientOptions options, HttpClient? httpClient)
    {
        _core = CosClientCore.Create(httpClient, options, JobsClientOptionsValidator.ThrowIfInvalid);
        Bucket = _core.Bucket;
        Region = _core.Region;
        Endpoint = options.Endpoint ?? options.ServiceEndpoint("ci");
        _retry = options.Retry.Clone(); // later changes to the caller's options must not change this client
        _useClientTokens = options.UseClientTokens;
        var logger = _core.CreateLogger("CosQualityEstimate");
        if (options.ResiliencePipeline is null && options.ConfigureResilience is null)
        {
            // The default pipeline with nothing added: the HTTP pipeline applies its two timeouts itself (the same
            // behaviour, two async layers less per attempt); Polly runs the retry between them, typed to the HTTP
            // pipeline's response (no conversion of each attempt's outcome to and from object: two async layers less).
            var timeouts = new CallTimeouts(options.Retry.OverallTimeout, options.Retry.AttemptTimeout, options.TimeProvider);
            _pipeline = _core.CreatePipeline(Endpoint, options.Retry.BuildTypedRetry(options.TimeProvider, logger), logger, timeouts);
        }
        else
        {
            _pipeline = _core.CreatePipeline(Endpoint, options.ResiliencePipeline ?? BuildResilience(options, logger), logger);
        }
        _objects = new ObjectsClient(_core, options.CreateObjectsOptions());
        _uploadKeyPrefix = options.UploadKeyPrefix;
    }

    private static ResiliencePipeline BuildResilience(JobsClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        builder.AddCosDefaults(options.Retry, logger);
        options.ConfigureResilience?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The default <c>User-Agent</c>: <c>cos-quality-estimate-dotnet/&lt;version&gt;</c>.</summary>
    public static string DefaultUserAgent => CosClientCore.DefaultUserAgent;

    /// <summary>The bucket, <c>BucketName-APPID</c>.</summary>
    public virtual string Bucket { get; } = string.Empty;

    /// <summary>The bucket's region.</summary>
    public virtual string Region { get; } = string.Empty;

    /// <summary>The service endpoint requests are sent to.</summary>
    public virtual Uri Endpoint { get; } = new("https://localhost/");

    /// <summary>The clock used for signing and waiting.</summary>
    internal TimeProvider Time => _core?.Time ?? TimeProvider.System;

    /// <summary>Maps a time read from the local clock to the service's clock (the connection's learnt offset).</summary>
    /// <param name="local">A time read from <see cref="Time"/>.</param>
    internal DateTimeOffset ToServiceClock(DateTimeOffset local) => _core is null ? local : _core.Clock.ToService(local);

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
            _core?.Dispose(); // disposes only an HttpClient the core created; Objects shares the core and owns nothing
        }
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
    public virtual Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.SubmitQualityEstimateJob", (Client: this, Request: request), static (s, ct) => s.Client.SubmitCoreAsync(s.Request, ct), cancellationToken);

    /// <summary>The submit behind <see cref="SubmitQualityEstimateJobAsync"/>, without an activity of its own; plumbing calls this, never the virtual method.</summary>
    /// <remarks>Not an async method (one state machine less per submit): a request that fails validation is returned as a
    /// faulted task, exactly as an async method would, never thrown from the call itself.</remarks>
    internal Task<JobDetail> SubmitCoreAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken)
    {
        SubmitSafety safety;
        byte[] body;
        string? token;
        try
        {
            JobRequestValidator.Validate(request);
            token = request.ClientToken ?? (_useClientTokens ? ClientToken.New() : null);
            if (token is not null)
            {
                JobRequestValidator.ValidateWithClientToken(request, token);
            }

            body = JobRequestWriter.Write(JobRequestConverter.ToWire(request, token));
            var pipeline = Pipeline; // throws once the client is disposed
            safety = _submitSafety ??= new SubmitSafety(this, pipeline, _retry); // holds only the client's own fixed parts
        }
#pragma warning disable CA1031 // Not swallowed: the failure is the returned task's, as in an async method.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<JobDetail>(ex);
        }

        return safety.SubmitAsync(body, request.ObjectKey, token, cancellationToken);
    }

    /// <summary>
    /// Key under which a failed submit records its client token in <see cref="Exception.Data"/> (with
    /// <see cref="ObjectKeyDataKey"/>). Obsolete: read <see cref="CosFailureInfo.ClientToken"/> of
    /// <see cref="CosFailureInfo.From"/>(exception); the key is still written.
    /// </summary>
    [Obsolete("Read CosFailureInfo.From(exception)?.ClientToken instead; this Exception.Data key is still written.")]
    public const string ClientTokenDataKey = CosFailureInfo.ClientTokenDataKey;

    /// <summary>
    /// Key under which a failed submit records its input object key in <see cref="Exception.Data"/>. Obsolete: read
    /// <see cref="CosFailureInfo.ObjectKey"/> of <see cref="CosFailureInfo.From"/>(exception); the key is still written.
    /// </summary>
    [Obsolete("Read CosFailureInfo.From(exception)?.ObjectKey instead; this Exception.Data key is still written.")]
    public const string ObjectKeyDataKey = CosFailureInfo.ObjectKeyDataKey;

    /// <summary>Submits a QualityEstimate job and returns an operation that follows it to its end.</summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="cancellationToken">Cancels the submit.</param>
    public virtual Task<QualityEstimateOperation> StartQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync(
            "JobsClient.StartQualityEstimateJob",
            (Client: this, Request: request),
            static async (s, ct) => new QualityEstimateOperation(s.Client, await s.Client.SubmitCoreAsync(s.Request, ct).ConfigureAwait(false)),
            cancellationToken);

    /// <summary>
    /// The common case in one call: submits the job, waits for it, and returns the score and vqaPlus findings.
    /// If the wait ends early, the job id is not lost: <see cref="JobWaitTimeoutException"/> and <see cref="JobFailedException"/>
    /// carry it, and any other exception (cancellation, errors while polling) has it in <see cref="CosFailureInfo.JobId"/> (<see cref="CosFailureInfo.From"/>).
    /// Use <see cref="StartQualityEstimateJobAsync"/> to hold the id before waiting.
    /// </summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="polling">Intervals and timeout of the wait; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the call (a submitted job keeps running).</param>
    /// <exception cref="JobFailedException">The job ended in Failed (with its Code and Message) or Cancel.</exception>
    /// <exception cref="JobWaitTimeoutException">The job did not complete within <see cref="JobPollingOptions.Timeout"/>.</exception>
    public virtual Task<QualityEstimateOutcome> EstimateQualityAsync(QualityEstimateJobRequest request, JobPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.EstimateQuality", (Client: this, Request: request, Polling: polling), static (s, ct) => s.Client.EstimateQualityCoreAsync(s.Request, s.Polling, ct), cancellationToken);

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
            CosFailureInfo.RecordJobId(ex, operation.Id);
            throw;
        }
    }

    /// <summary>
    /// Key under which <see cref="EstimateQualityAsync"/> records the job id in <see cref="Exception.Data"/> when waiting
    /// ends with an exception that has no JobId of its own (cancellation, a transport or service error while polling).
    /// Obsolete: read <see cref="CosFailureInfo.JobId"/> of <see cref="CosFailureInfo.From"/>(exception); the key is still written.
    /// </summary>
    [Obsolete("Read CosFailureInfo.From(exception)?.JobId instead; this Exception.Data key is still written.")]
    public const string JobIdDataKey = CosFailureInfo.JobIdDataKey;
}
