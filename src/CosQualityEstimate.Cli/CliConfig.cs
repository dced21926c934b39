using CosQualityEstimate.Models;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}

/// <summary>
/// The resolved configuration: flags override the environment (<c>--bucket</c>/<c>COS_BUCKET</c>, <c>--region</c>/<c>COS_REGION</c>,
/// <c>--endpoint</c>/<c>COS_ENDPOINT</c>); credentials come only from <c>COS_SECRET_ID</c>, <c>COS_SECRET_KEY</c>, <c>COS_SESSION_TOKEN</c>.
/// </summary>
internal sealed class CliConfig
{
    public const string BucketVariable = "COS_BUCKET";
    public const string RegionVariable = "COS_REGION";
    public const string EndpointVariable = "COS_ENDPOINT";

    public string? Bucket { get; init; }

    public string? Region { get; init; }

    public Uri? Endpoint { get; init; }

    public bool HasCredentials { get; init; }

    public OutputFormat Output { get; init; }

    public bool Verbose { get; init; }

    public static CliConfig Resolve(string? bucket, string? region, string? endpoint, OutputFormat output, bool verbose, Func<string, string?> env)
    {
        bucket = NullIfBlank(bucket) ?? NullIfBlank(env(BucketVariable));
        region = NullIfBlank(region) ?? NullIfBlank(env(RegionVariable));
        var endpointText = NullIfBlank(endpoint) ?? NullIfBlank(env(EndpointVariable));
        Uri? endpointUri = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpointUri) || (endpointUri.Scheme != Uri.UriSchemeHttp && endpointUri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new CliUsageException($"--endpoint/{EndpointVariable} must be an absolute http or https URL (got \"{endpointText}\").");
        }

        var id = NullIfBlank(env(EnvironmentCosCredentialProvider.SecretIdVariableName));
        var key = NullIfBlank(env(EnvironmentCosCredentialProvider.SecretKeyVariableName));
        if ((id is null) != (key is null))
        {
            var missing = id is null ? EnvironmentCosCredentialProvider.SecretIdVariableName : EnvironmentCosCredentialProvider.SecretKeyVariableName;
            throw new CliUsageException($"{missing} is not set; set both COS_SECRET_ID and COS_SECRET_KEY (and COS_SESSION_TOKEN for temporary keys).");
        }

        return new CliConfig
        {
            Bucket = bucket,
            Region = region,
            Endpoint = endpointUri,
            HasCredentials = id is not null,
            Output = output,
            Verbose = verbose,
        };
    }

    /// <summary>
    /// What a result without a source marker is, for this configuration: the real service never marks its results, so
    /// unmarked is <see cref="QualityEstimateSource.Service"/> — except from a loopback endpoint, which is an emulator or a
    /// stub (an older emulator does not mark its made-up results): <see cref="QualityEstimateSource.Unknown"/>, never shown
    /// as measured. (The embedded emulator's results are always marked; estimate treats unmarked ones there as simulated.)
    /// </summary>
    public QualityEstimateSource UnmarkedSource => Endpoint is { IsLoopback: true } ? QualityEstimateSource.Unknown : QualityEstimateSource.Service;

    /// <summary>The endpoints of the service this configuration connected to (not the embedded emulator), for error messages.</summary>
    public ServiceEndpoints? Connected { get; private set; }

    /// <summary>True when <c>estimate</c> should fall back to the embedded emulator.</summary>
    public bool UsesEmbeddedEmulator => !HasCredentials && Endpoint is null;

    /// <summary>Connects to the configured service (or, when allowed and nothing is configured, to an embedded emulator).</summary>
    /// <param name="host">The process.</param>
    /// <param name="allowEmbeddedEmulator">Start the embedded emulator when nothing is configured.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="configureObjects">Adjusts the object client (part size of <c>cosqe upload</c>); the configured service only.</param>
    public async Task<ServiceConnection> ConnectAsync(CliHost host, bool allowEmbeddedEmulator, CancellationToken cancellationToken, Action<CosQualityEstimate.Objects.ObjectsClientOptions>? configureObjects = null)
    {
        if (UsesEmbeddedEmulator && allowEmbeddedEmulator)
        {
            var emulator = await CosEmulator.StartAsync(EmbeddedEmulator.Options(host.GetEnvironmentVariable), cancellationToken).ConfigureAwait(false);
            await host.Error.WriteLineAsync(EmbeddedEmulator.Notice(emulator.Endpoint)).ConfigureAwait(false);
            var embedded = new CliConfig { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, HasCredentials = true, Output = Output, Verbose = Verbose };
            var embeddedOptions = new JobsClientOptions
            {
                Bucket = emulator.Bucket,
                Region = emulator.Region,
                Endpoint = emulator.Endpoint,
                Credential = emulator.Credential,
                UseClientTokens = true,
                TimeProvider = host.Time,
                UploadKeyPrefix = Objects.UploadKeys.Prefix,
            };
            var client = host.HttpClient is { } embeddedHttp ? new JobsClient(embeddedHttp, embeddedOptions) : new JobsClient(embeddedOptions);
            return new ServiceConnection(client, host.ObjectStoreFactory?.Invoke(embedded) ?? new Objects.ClientObjectStore(client.Objects), emulator);
        }

        var missing = new List<string>();
        if (!HasCredentials)
        {
            missing.Add("credentials (COS_SECRET_ID and COS_SECRET_KEY)");
        }

        if (Bucket is null)
        {
            missing.Add($"the bucket (--bucket or {BucketVariable}, as name-appid)");
        }

        if (Region is null)
        {
            missing.Add($"the region (--region or {RegionVariable})");
        }

        if (missing.Count > 0)
        {
            throw new CliUsageException("missing " + string.Join(", ", missing) + ".");
        }

        var options = new JobsClientOptions
        {
            Bucket = Bucket,
            Region = Region,
            Endpoint = Endpoint,
            CredentialProvider = new EnvironmentCosCredentialProvider(host.GetEnvironmentVariable),
            UseClientTokens = true,
            TimeProvider = host.Time,
            UploadKeyPrefix = Objects.UploadKeys.Prefix,
            ConfigureObjects = configureObjects,
        };
        var connected = host.HttpClient is { } http ? new JobsClient(http, options) : new JobsClient(options);
        Connected = new ServiceEndpoints(connected.Endpoint, connected.Objects.Endpoint);
        return new ServiceConnection(connected, host.ObjectStoreFactory?.Invoke(this) ?? new Objects.ClientObjectStore(connected.Objects), null);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A client, the object store and, when embedded, the emulator they talk to; disposing it disposes the client
/// the CLI created and then the emulator.</summary>
internal sealed class ServiceConnection : IAsyncDisposable
{
    public ServiceConnection(JobsClient client, Objects.IObjectStore objects, CosEmulator? emulator)
    {
        Client = client;
        Objects = objects;
        Emulator = emulator;
    }

    public JobsClient Client { get; }

    public Objects.IObjectStore Objects { get; }

    public CosEmulator? Emulator { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (Objects is IDisposable store)
        {
            store.Dispose();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
