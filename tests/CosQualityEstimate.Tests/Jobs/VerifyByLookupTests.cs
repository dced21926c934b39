using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>
/// The one verify-by-lookup after an ambiguous paid create, seen from its two callers (a job submit, a batch create) with
/// the same scripted answers: both follow the same rules — an unreadable answer naming an id that cannot be read back is
/// the format error carrying the id, a success answer nobody can find is <see cref="SubmitOutcomeUnknownException.ProbablyCreated"/>,
/// a failed look is an unknown outcome that is not "probably created", a 5xx nobody can find is resent. Fake clock.
/// </summary>
public sealed class VerifyByLookupTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    /// <summary>The two creates, each with its paths: the POST, the describe of a named id, the look's listing.</summary>
    public static TheoryData<string> Creates => new() { "job", "batch" };

    private static string PostPath(string kind) => kind == "job" ? "/jobs" : "/inventorytriggerjob";

    private static string DescribePath(string kind, string id) => (kind == "job" ? "/jobs/" : "/inventorytriggerjob/") + id;

    private JobsClient Client()
    {
        var options = _service.Options(new AutoAdvanceTimeProvider(Start));
        options.UseClientTokens = true;
        options.Retry.ReconcileDelay = TimeSpan.FromSeconds(1);
        return new JobsClient(options);
    }

    private static Task Create(JobsClient client, string kind) => kind == "job"
        ? client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4"))
        : client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("nightly-1", BatchJobInput.FromPrefix("in/")));

    private void Answer(string path, string method, int status, string body) =>
        _service.Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/xml").WithBody(body));

    private int Posts => _service.Requests.Count(r => r.RequestMessage.Method == "POST");

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task UnreadableAnswerNamingAnId_ThatCannotBeReadBack_IsTheFormatErrorCarryingTheId(string kind)
    {
        Answer(PostPath(kind), "POST", 200, "<Response><JobsDetail><JobId>x7</JobId><State>Submitted"); // cut off
        Answer(DescribePath(kind, "x7"), "GET", 503, "<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => Create(client, kind));

        Assert.Equal("x7", ex.JobId);
        Assert.Equal(1, Posts);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task UnreadableAnswerNamingAnId_IsRecoveredByItsId(string kind)
    {
        Answer(PostPath(kind), "POST", 200, "<Response><JobsDetail><JobId>x8</JobId><State>Submitted");
        Answer(DescribePath(kind, "x8"), "GET", 200, "<Response><JobsDetail><JobId>x8</JobId><Name>nightly-1</Name><State>Running</State><Tag>QualityEstimate</Tag></JobsDetail></Response>");
        using var client = Client();

        await Create(client, kind);

        Assert.Equal(1, Posts);
        Assert.Contains(_service.Requests, r => r.RequestMessage.Path == DescribePath(kind, "x8"));
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task SuccessAnswerWithoutAnId_NotFoundByTheLook_IsProbablyCreated_AndNotResent(string kind)
    {
        Answer(PostPath(kind), "POST", 200, "<Response><JobsDetail><State>Submitted</State></JobsDetail></Response>");
        Answer(PostPath(kind), "GET", 200, "<Response></Response>");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => Create(client, kind));

        Assert.True(ex.ProbablyCreated);
        Assert.Equal(kind == "batch" ? "nightly-1" : null, ex.BatchName);
        Assert.Equal(200, ex.Status);
        Assert.Equal(1, Posts);
        Assert.Equal(new CosRetryOptions().ReconcileAttempts, _service.Requests.Count(r => r.RequestMessage.Method == "GET"));
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task ServerErrorAnswer_WhenTheLookFails_IsUnknown_ButNotProbablyCreated(string kind)
    {
        Answer(PostPath(kind), "POST", 500, "<Error><Code>InternalError</Code><Message>oops</Message></Error>");
        Answer(PostPath(kind), "GET", 403, "<Error><Code>AccessDenied</Code><Message>no list</Message></Error>");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => Create(client, kind));

        Assert.False(ex.ProbablyCreated);
        Assert.IsType<AggregateException>(ex.InnerException);
        Assert.Equal(1, Posts);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task ServerErrorAnswer_NotFoundByEveryLook_IsResent(string kind)
    {
        _service.Server.Given(Request.Create().WithPath(PostPath(kind)).UsingPost()).InScenario("create").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("<Error><Code>InternalError</Code><Message>oops</Message></Error>"));
        _service.Server.Given(Request.Create().WithPath(PostPath(kind)).UsingPost()).InScenario("create").WhenStateIs("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<Response><JobsDetail><JobId>x9</JobId><Name>nightly-1</Name><State>Submitted</State></JobsDetail></Response>"));
        Answer(PostPath(kind), "GET", 200, "<Response></Response>");
        using var client = Client();

        await Create(client, kind);

        Assert.Equal(2, Posts);
    }

    [Fact]
    public async Task BatchLook_SearchesFromTheServiceClockMinusTheLookback()
    {
        Answer("/inventorytriggerjob", "POST", 200, "<Response><JobsDetail><State>Submitted</State></JobsDetail></Response>");
        Answer("/inventorytriggerjob", "GET", 200, "<Response></Response>");
        using var client = Client();

        await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => Create(client, "batch"));

        var look = _service.Requests.First(r => r.RequestMessage.Method == "GET");
        var since = look.RequestMessage.Query!["startCreationTime"].Single();
        Assert.Equal(Start - VerifyByLookup.Lookback, CosQualityEstimate.Serialization.ServiceTime.Parse(since));
        Assert.Equal("nightly-1", look.RequestMessage.Query["name"].Single());
    }
}
