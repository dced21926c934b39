using CosQualityEstimate.Credentials;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Bad input: one clear line on stderr, exit code 2, no stack trace, no secret, nothing sent.</summary>
public sealed class BadInputTests
{
    private const string Secret = "TopSecretKeyValue0123456789abcdef";

    private static readonly Dictionary<string, string?> Env = new()
    {
        ["COS_ENDPOINT"] = "http://127.0.0.1:1/",
        ["COS_BUCKET"] = "examplebucket-1250000000",
        ["COS_REGION"] = "ap-guangzhou",
        ["COS_SECRET_ID"] = "AKIDEXAMPLE",
        ["COS_SECRET_KEY"] = Secret,
        ["COS_SESSION_TOKEN"] = "SessionTokenValueXYZ",
    };

    public static TheoryData<string, string[]> Cases => new()
    {
        { "unknown command", ["frobnicate"] },
        { "unknown option", ["list", "--frobnicate"] },
        { "unknown global option", ["--nope", "list"] },
        { "no command", [] },
        { "missing keys file", ["batch", "--journal", "/tmp/cosqe-bad-input.db", "--keys", "/nonexistent/keys.txt"] },
        { "keys and prefix", ["batch", "--journal", "/tmp/cosqe-bad-input.db", "--keys", "k.txt", "--prefix", "p/"] },
        { "batch without journal", ["batch", "--keys", "k.txt"] },
        { "invalid mode", ["estimate", "a.mp4", "--mode", "fancy"] },
        { "invalid rotate", ["estimate", "a.mp4", "--rotate", "45"] },
        { "non-numeric rotate", ["submit", "a.mp4", "--rotate", "ninety"] },
        { "invalid level", ["estimate", "a.mp4", "--level", "7"] },
        { "malformed job id", ["get", "j123/../../etc"] },
        { "malformed job id in cancel", ["cancel", "j1", "bad id"] },
        { "malformed job id in wait", ["wait", "j1?x=1"] },
        { "invalid output", ["list", "--output", "xml"] },
        { "invalid state", ["list", "--state", "Exploded"] },
        { "invalid since", ["list", "--since", "yesterday-ish"] },
        { "invalid limit", ["list", "--limit", "0"] },
        { "invalid concurrency", ["batch", "--journal", "x.db", "--keys", "k.txt", "--concurrency", "0"] },
        { "concurrency with server-side", ["batch", "--server-side", "--journal", "x.db", "--prefix", "in/", "--concurrency", "4"] },
        { "mode with server-side", ["batch", "--server-side", "--journal", "x.db", "--prefix", "in/", "--mode", "general"] },
        { "manifest without server-side", ["batch", "--journal", "x.db", "--manifest", "m.json"] },
        { "two server-side inputs", ["batch", "--server-side", "--journal", "x.db", "--prefix", "in/", "--manifest", "m.json"] },
        { "invalid duration", ["wait", "j1", "--timeout", "forever"] },
        { "invalid export format", ["export", "--journal", "x.db", "--format", "xlsx"] },
        { "missing journal for export", ["export", "--journal", "/nonexistent/run.db", "--format", "csv"] },
        { "missing journal for report", ["report", "--journal", "/nonexistent/run.db", "--out", "/tmp/r.html"] },
        { "invalid endpoint", ["list", "--endpoint", "ftp://example"] },
        { "invalid bucket", ["list", "--bucket", "NoAppId"] },
        { "sign without method", ["sign", "--path", "/jobs"] },
        { "sign bad header", ["sign", "--method", "GET", "--path", "/jobs", "--header", "novalue"] },
        { "sign bad path", ["sign", "--method", "GET", "--path", "jobs"] },
        { "emulator bad port", ["emulator", "--port", "70000"] },
        { "missing argument", ["get"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_one_line_exit_2_no_stack_trace_no_secret(string name, string[] args)
    {
        var result = await CliRun.RunAsync(Env, args);

        Assert.True(result.ExitCode == 2, name + ": " + result);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: ", line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.DoesNotContain(Secret, result.Error + result.Out);
        Assert.DoesNotContain("SessionTokenValueXYZ", result.Error + result.Out);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task Verbose_adds_the_details()
    {
        var result = await CliRun.RunAsync(Env, ["export", "--journal", "/nonexistent/run.db", "--verbose"]);

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.ErrorLines.Length > 1);
        Assert.Contains("CliUsageException", result.Error);
        Assert.DoesNotContain(Secret, result.Error);
    }

    [Fact]
    public async Task Only_one_credential_variable_names_the_missing_one()
    {
        var env = new Dictionary<string, string?>(Env) { ["COS_SECRET_KEY"] = null };

        var result = await CliRun.RunAsync(env, ["estimate", "a.mp4"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cosqe: COS_SECRET_KEY is not set", Assert.Single(result.ErrorLines));
    }

    public static TheoryData<Exception, int> Mapped => new()
    {
        { new CliUsageException("x"), 2 },
        { new ArgumentException("bad", "param"), 2 },
        { new CosCredentialUnavailableException("no creds"), 2 },
        { new FileNotFoundException("nope"), 2 },
        { new JobFailedException("failed"), 1 },
        { new CosServiceException(403, "AccessDenied", "denied", "req", null), 3 },
        { new CosServiceException(403, "QuotaExceeded", "quota", "req", null), 3 },
        { new CosServiceException(400, "InvalidArgument", "bad", "req", null), 3 },
        { new JobCancellationRefusedException("j1", new CosServiceException(409, "InvalidState", "done", "req", null)), 3 },
        { new CosServiceException(429, "QuotaExceeded", "slow down", "req", null), 4 }, // HTTP 429 is throttling (IsThrottling), not a refusal
        { new CosServiceException(503, "ServiceUnavailable", "busy", "req", null), 4 },
        { new CosServiceException(500, "InternalError", "oops", "req", null), 4 },
        { new JobNotFoundException("j1", 404, "req"), 3 },
        { new SubmitOutcomeUnknownException("k", "t", "lost", null), 4 },
        { new CosResponseFormatException(200, "req", "<x", null, "bad xml"), 4 },
        { new JobWaitTimeoutException("j1", null, TimeSpan.FromSeconds(1)), 4 },
        { new HttpRequestException("connection refused"), 4 },
        { new TimeoutException("slow"), 4 },
        { new OperationCanceledException(), 130 },
    };

    [Theory]
    [MemberData(nameof(Mapped))]
    public void Exceptions_map_to_the_documented_exit_codes(Exception exception, int code)
    {
        var (mapped, message) = ExitCodes.FromException(exception);

        Assert.Equal(code, mapped);
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public void ArgumentException_messages_lose_the_parameter_suffix()
    {
        Assert.Equal("bad thing", ExitCodes.FromException(new ArgumentException("bad thing", "request.ObjectKey")).Message);
    }

    [Fact]
    public async Task ServerSideBatch_RefusesAClientSideOption_NamingIt_InsteadOfIgnoringIt()
    {
        var result = await CliRun.RunAsync(Env, ["batch", "--server-side", "--journal", "x.db", "--prefix", "in/", "--concurrency", "4"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cosqe: --concurrency cannot be used with --server-side", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
