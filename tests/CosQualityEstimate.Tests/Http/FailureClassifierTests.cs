using System.Net.Sockets;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using Polly;
using Polly.Timeout;

namespace CosQualityEstimate.Tests.Http;

/// <summary>The line between "not processed" (a submit may be resent) and "ambiguous" (it may not).</summary>
public sealed class FailureClassifierTests
{
    public static TheoryData<string, Exception, string> Cases => new()
    {
        { "429", new CosServiceException(429, "TooManyRequests", "slow down", null, null), nameof(FailureKind.NotProcessed) },
        { "503 SlowDown", new CosServiceException(503, "SlowDown", "slow down", null, null), nameof(FailureKind.NotProcessed) },
        { "DNS", new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), nameof(FailureKind.NotProcessed) },
        { "connect", new HttpRequestException(HttpRequestError.ConnectionError, "refused"), nameof(FailureKind.NotProcessed) },
        { "refused socket", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), nameof(FailureKind.NotProcessed) },
        { "500", new CosServiceException(500, "InternalError", "boom", null, null), nameof(FailureKind.Ambiguous) },
        { "502 html", new CosServiceException(502, null, "<html>", null, null), nameof(FailureKind.Ambiguous) },
        { "503 ServiceUnavailable", new CosServiceException(503, "ServiceUnavailable", "busy", null, null), nameof(FailureKind.Ambiguous) },
        { "504", new CosServiceException(504, null, null, null, null), nameof(FailureKind.Ambiguous) },
        { "408", new CosServiceException(408, null, null, null, null), nameof(FailureKind.Ambiguous) },
        { "response ended", new HttpRequestException(HttpRequestError.ResponseEnded, "reset"), nameof(FailureKind.Ambiguous) },
        { "io reset", new IOException("connection reset by peer"), nameof(FailureKind.Ambiguous) },
        { "attempt timeout", new TimeoutRejectedException(), nameof(FailureKind.Ambiguous) },
        { "unreadable 200", new CosResponseFormatException(200, null, "<Resp", null, "truncated"), nameof(FailureKind.Ambiguous) },
        { "400", new CosServiceException(400, "InvalidArgument", "bad", null, null), nameof(FailureKind.Permanent) },
        { "403 denied", new CosServiceException(403, "AccessDenied", "no", null, null), nameof(FailureKind.Permanent) },
        { "404", new CosServiceException(404, "NoSuchJob", "no", null, null), nameof(FailureKind.Permanent) },
        { "argument", new ArgumentException("bug"), nameof(FailureKind.Permanent) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Failure_HasTheDocumentedKind(string name, Exception exception, string expected)
    {
        Assert.True(name.Length > 0);
        Assert.Equal(expected, FailureClassifier.Classify(exception, CancellationToken.None).ToString());
    }

    [Fact]
    public void Classify_CallerCancelled_IsPermanentWhateverTheException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Equal(FailureKind.Permanent, FailureClassifier.Classify(new TaskCanceledException(), cts.Token));
        Assert.Equal(FailureKind.Permanent, FailureClassifier.Classify(new HttpRequestException(HttpRequestError.ConnectionError, "x"), cts.Token));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void ShouldRetry_AmbiguousFailure_OnlyForIdempotentCalls(bool idempotent, bool expected)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(CosResilience.IsIdempotent, idempotent);

        Assert.Equal(expected, CosResilience.ShouldRetry(new CosServiceException(500, "InternalError", "boom", null, null), context));
        Assert.True(CosResilience.ShouldRetry(new HttpRequestException(HttpRequestError.ConnectionError, "refused"), context));
        Assert.False(CosResilience.ShouldRetry(new CosServiceException(400, "InvalidArgument", "bad", null, null), context));
        ResilienceContextPool.Shared.Return(context);
    }
}
