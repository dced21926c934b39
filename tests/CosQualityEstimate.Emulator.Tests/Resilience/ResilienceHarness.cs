using CosQualityEstimate.Credentials;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Emulator.Tests.Resilience;

/// <summary>Builds JobsClients for fault tests: the client's own <see cref="ClientClock"/>, a log capture and short, deterministic backoff.</summary>
internal static class ResilienceHarness
{
    /// <summary>Log event ids of the client (see CosQualityEstimate.Http.Log).</summary>
    internal const int RequestStarting = 1;
    internal const int Retrying = 4;
    internal const int SubmitReconciling = 6;
    internal const int SubmitReconciled = 7;
    internal const int SubmitResending = 8;
    internal const int ClockSkewCorrected = 9;
    internal const int CredentialRefreshing = 10;

    internal static JobsClientOptions Options(
        Uri endpoint,
        TimeProvider clock,
        CapturingLoggerFactory? logs = null,
        bool useClientTokens = false,
        CosCredential? credential = null,
        ICosCredentialProvider? credentialProvider = null,
        Action<CosRetryOptions>? retry = null)
    {
        var retryOptions = new CosRetryOptions
        {
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(10),
            UseJitter = false,
        };
        retry?.Invoke(retryOptions);
        return new JobsClientOptions
        {
            Bucket = CosEmulatorOptions.DefaultBucket,
            Region = CosEmulatorOptions.DefaultRegion,
            Endpoint = endpoint,
            Credential = credentialProvider is null ? credential ?? new CosCredential(CosEmulatorOptions.DefaultSecretId, CosEmulatorOptions.DefaultSecretKey) : null,
            CredentialProvider = credentialProvider,
            TimeProvider = clock,
            UseClientTokens = useClientTokens,
            LoggerFactory = logs,
            Retry = retryOptions,
        };
    }

    internal static JobsClient Client(
        this TestEmulator emu,
        TimeProvider clock,
        CapturingLoggerFactory? logs = null,
        bool useClientTokens = false,
        ICosCredentialProvider? credentialProvider = null,
        Action<CosRetryOptions>? retry = null) =>
        new(emu.Http, Options(emu.Emulator.Endpoint, clock, logs, useClientTokens, emu.Emulator.Credential, credentialProvider, retry));

    /// <summary>The jobs in the emulator that carry <paramref name="token"/> in UserData.</summary>
    internal static int JobsWithToken(this TestEmulator emu, string token) =>
        emu.Emulator.GetWireJobsSnapshot().Count(j => j.Operation?.UserData?.EndsWith("cqe-token:" + token, StringComparison.Ordinal) == true);
}
