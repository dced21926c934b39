using System.Net;
using CosQualityEstimate.Emulator.Analysis;
using CosQualityEstimate.Emulator.Callbacks;
using CosQualityEstimate.Emulator.Hosting;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Emulator.Routing;
using CosQualityEstimate.Emulator.Security;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;
using CosQualityEstimate.Emulator.Wire;
using CosQualityEstimate.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CosQualityEstimate.Emulator;

/// <summary>
/// An emulator of the Tencent Cloud CI jobs API (QualityEstimate) served by Kestrel on 127.0.0.1 only. Start one per test
/// (or per test class) with <see cref="StartAsync"/>, point a <c>JobsClient</c> at <see cref="Endpoint"/> with
/// <see cref="Credential"/>, and dispose it when done. Thread-safe.
/// </summary>
public sealed class CosEmulator : IAsyncDisposable
{
    private readonly CosEmulatorOptions _options;
    private readonly CredentialStore _credentials = new();
    private readonly JobStore _store;
    private readonly Batches.BatchStore _batches;
    private readonly Objects.ObjectStore _objects;
    private readonly CallbackSender _callbacks;
    private readonly StoredObjectAnalyzer? _analyzer;
    private readonly ILogger _logger;
    private WebApplication? _app;
    private Snapshots.SnapshotRoute? _snapshotRoute;
    private int _disposed;

    private CosEmulator(CosEmulatorOptions options)
    {
        _options = options;
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("CosQualityEstimate.Emulator");
        _callbacks = new CallbackSender(loggerFactory.CreateLogger("CosQualityEstimate.Emulator.Callbacks"));
        _objects = new Objects.ObjectStore(options.ObjectStorageDirectory, options.TimeProvider);
        _analyzer = CreateAnalyzer(options, loggerFactory);
        _store = new JobStore(options, _callbacks.OnJobCompleted, _objects.Get, _analyzer);
        _batches = new Batches.BatchStore(_store, _objects, options.TimeProvider);
        Credential = new CosCredential(options.SecretId, options.SecretKey);
        _credentials.Add(Credential, null);
        Faults = new EmulatorFaults();
        Bucket = options.Bucket;
        Region = options.Region;
    }

    /// <summary>The base address, for example <c>http://127.0.0.1:54321/</c>. Any Host header is accepted.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The bucket the emulated service reports in <c>Input/BucketId</c>.</summary>
    public string Bucket { get; }

    /// <summary>The region the emulated service reports in <c>Input/Region</c>.</summary>
    public string Region { get; }

    /// <summary>The primary credential (from <see cref="CosEmulatorOptions.SecretId"/> and <see cref="CosEmulatorOptions.SecretKey"/>).</summary>
    public CosCredential Credential { get; }

    /// <summary>Fault injection knobs.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>Number of jobs created so far (including jobs whose response was dropped by a fault, and jobs forgotten by <see cref="ForgetJobs"/>).</summary>
    public int SubmittedJobCount => _store.Count;

    /// <summary>Number of jobs the emulator holds now: <see cref="SubmittedJobCount"/> less the jobs forgotten by <see cref="ForgetJobs"/>.</summary>
    public int StoredJobCount => _store.StoredCount;

    /// <summary>Number of batch processing jobs (<c>POST /inventorytriggerjob</c>) created so far.</summary>
    public int BatchCount => _batches.Count;

    /// <summary>Number of objects stored in the emulated bucket.</summary>
    public int ObjectCount => _objects.Count;

    /// <summary>Number of object writes completed so far (PUT Object and Complete Multipart Upload), including overwrites.</summary>
    public long ObjectWriteCount => _objects.WriteCount;

    /// <summary>Number of GetSnapshot requests (<c>GET /&lt;key&gt;?ci-process=snapshot</c>) answered so far, errors included:
    /// what the service would bill (errors aside), for tests that count what a client asked for.</summary>
    public long SnapshotRequestCount => _snapshotRoute?.RequestCount ?? 0;

    /// <summary>Number of multipart uploads initiated and neither completed nor aborted.</summary>
    public int PendingMultipartUploadCount => _objects.UploadCount;

    /// <summary>The stored objects in key order (ordinal).</summary>
    /// <returns>A snapshot; later writes do not change it.</returns>
    public IReadOnlyList<EmulatorObjectInfo> GetObjectsSnapshot() =>
        _objects.Snapshot().Select(o => new EmulatorObjectInfo(o.Key, o.Size, o.ETag, o.LastModified)).ToList();

    /// <summary>Opens a stored object's content for reading, or returns <see langword="null"/> when there is no such object.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>A read-only stream the caller disposes.</returns>
    public Stream? OpenObject(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _objects.Get(key) is { } stored
            ? new Objects.ConcatenatedFileStream(stored.ContentPaths)
            : null;
    }

    /// <summary>How many analysis outcomes the ETag cache holds now (0 when local analysis is off).</summary>
    internal int CachedAnalysisCount => _analyzer?.CachedCount ?? 0;

    /// <summary>Completes when every local analysis started so far has ended and its job has taken the outcome.</summary>
    internal Task WhenAnalysesTakenAsync() => _store.WhenAnalysesTakenAsync();

    /// <summary>The work of every XML body this emulator has read: reader steps and bodies refused for their nesting.</summary>
    internal Xml.XmlReadMeter XmlReads { get; } = new();

    /// <summary>Callbacks delivered (any HTTP answer) so far.</summary>
    internal int CallbacksSent => _callbacks.SentCount;

    /// <summary>Callbacks skipped because their host is not loopback.</summary>
    internal int CallbacksSkipped => _callbacks.SkippedCount;

    /// <summary>Starts an emulator on 127.0.0.1 and returns once it accepts requests.</summary>
    /// <param name="options">Settings; defaults when <see langword="null"/>. Port 0 picks a free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static async Task<CosEmulator> StartAsync(CosEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CosEmulatorOptions();
        Validate(options);
        var emulator = new CosEmulator(options);
        try
        {
            await emulator.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The current state of every job, in creation order, as the client library would read it.</summary>
    /// <returns>Immutable models; a client token the submit carried is in <see cref="JobDetail.ClientToken"/>.</returns>
    /// <remarks>The jobs go through the emulator's XML writer and the library's public <see cref="JobCallback.Parse(ReadOnlySpan{byte}, string?)"/>,
    /// exactly as a client reads them (the emulator uses the library's public API only).</remarks>
    public IReadOnlyList<JobDetail> GetJobsSnapshot()
    {
        // One document per job: the library caps a body at 4 MiB, and a snapshot of thousands of jobs is larger.
        var jobs = new List<JobDetail>();
        foreach (var job in _store.Snapshot())
        {
            var body = Xml.ResponseXmlWriter.Write(new JobsResponseXml { EventName = "Snapshot", JobsDetail = { job } });
            jobs.AddRange(JobCallback.Parse(body, "application/xml").Jobs);
        }

        return jobs;
    }

    /// <summary>The wire form of every job, in creation order (fresh copies), for tests that check raw service fields.</summary>
    internal IReadOnlyList<JobDetailXml> GetWireJobsSnapshot() => _store.Snapshot();

    /// <summary>Pauses the queue: Submitted jobs show <c>Pause</c> and do not start until <see cref="ResumeQueue"/>. Running jobs finish.</summary>
    public void PauseQueue() => _store.Pause();

    /// <summary>Resumes the queue: paused jobs continue their queue wait where they left it.</summary>
    public void ResumeQueue() => _store.Resume();

    /// <summary>
    /// Forgets every job created by a direct submit (<c>POST /jobs</c>): its completion timer stops (no callback is sent
    /// for it) and it is no longer listed or found (<c>GET /jobs/{id}</c> answers as for an unknown id). Jobs of a batch
    /// stay, since their batch still reports them. Ids of later jobs never repeat a forgotten one. For long runs (a
    /// benchmark's many submits) that should not keep every job in memory.
    /// </summary>
    /// <returns>How many jobs were forgotten.</returns>
    public int ForgetJobs() => _store.ForgetDirectJobs();

    /// <summary>Accepts another credential (for example temporary keys with a session token), optionally until <paramref name="expiresAt"/>.</summary>
    /// <param name="credential">The credential; when it has a session token, requests must carry it.</param>
    /// <param name="expiresAt">After this instant (emulator clock) requests fail with <c>ExpiredToken</c>; <see langword="null"/> for never.</param>
    public void AddCredential(CosCredential credential, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials.Add(credential, expiresAt);
    }

    /// <summary>Stops accepting a credential: its requests then fail with <c>ExpiredToken</c>.</summary>
    /// <param name="secretId">The SecretId to revoke.</param>
    public void RevokeCredential(string secretId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        _credentials.Revoke(secretId);
    }

    /// <summary>Stops the job timers, cancels the running local analyses and waits for them to end, then stops the server and pending callbacks.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _store.Dispose();
        if (_analyzer is not null)
        {
            // Cancels the running analyses and waits for them, before the object store they copy from goes away.
            await _analyzer.DisposeAsync().ConfigureAwait(false);
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the timeout are dropped by DisposeAsync.
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _callbacks.Dispose();
        _objects.Dispose();
    }

    private static StoredObjectAnalyzer? CreateAnalyzer(CosEmulatorOptions options, ILoggerFactory loggerFactory)
    {
        if (!options.LocalAnalysis)
        {
            return null;
        }

        var analyzer = options.Analyzer ?? new LocalVideoAnalyzer(options.LocalAnalysisOptions, loggerFactory);
        return new StoredObjectAnalyzer(analyzer, options.LocalAnalysisConcurrency, options.LocalAnalysisCacheSize, loggerFactory.CreateLogger("CosQualityEstimate.Emulator.Analysis"));
    }

    private static void Validate(CosEmulatorOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be 0 to 65535.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.SecretId) || string.IsNullOrWhiteSpace(options.SecretKey))
        {
            throw new ArgumentException("SecretId and SecretKey are required.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Bucket) || string.IsNullOrWhiteSpace(options.Region))
        {
            throw new ArgumentException("Bucket and Region are required.", nameof(options));
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider is required.", nameof(options));
        }

        if (options.QueueDelay < TimeSpan.Zero || options.RunDuration < TimeSpan.Zero || options.AllowedClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("QueueDelay, RunDuration and AllowedClockSkew must not be negative.", nameof(options));
        }

        if (options.LocalAnalysisConcurrency is < 1 or > CosEmulatorOptions.MaxLocalAnalysisConcurrency)
        {
            throw new ArgumentException($"LocalAnalysisConcurrency must be 1 to {CosEmulatorOptions.MaxLocalAnalysisConcurrency} (got {options.LocalAnalysisConcurrency}).", nameof(options));
        }

        if (options.LocalAnalysisCacheSize < 1)
        {
            throw new ArgumentException($"LocalAnalysisCacheSize must be at least 1 (got {options.LocalAnalysisCacheSize}).", nameof(options));
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = Array.Empty<string>(),
            ApplicationName = typeof(CosEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (_options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, _options.Port);
            kestrel.Limits.MaxRequestBodySize = Objects.ObjectsApi.MaxSinglePutSize; // COS: one PUT or part up to 5 GB

        });

        var verifier = _options.VerifySignatures ? new SignatureVerifier(_credentials, _options.TimeProvider, _options.AllowedClockSkew) : null;
        var pipeline = new EmulatorPipeline(
            new JobsApi(
                _store,
                verifier,
                new Objects.ObjectsApi(_objects, _options.Bucket, XmlReads),
                new Batches.BatchesApi(_batches, XmlReads),
                XmlReads,
                _snapshotRoute = new Snapshots.SnapshotRoute(_objects, _options.LocalAnalysis ? new LocalAnalysis.Snapshots.LocalFrameExtractor(_options.LocalAnalysisOptions) : null)),
            Faults,
            _options.TimeProvider,
            _logger);
        var app = builder.Build();
        app.Run(pipeline.InvokeAsync);
        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var port = new Uri(address).Port;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }
}
