using CosQualityEstimate.Http;

namespace CosQualityEstimate.Tests.Http;

/// <summary>
/// A POST resent after an ambiguous attempt (a check proved that attempt created nothing) and then refused by throttling
/// is marked: the throttling covers only the last send, so a caller (cosqe batch) must keep the request in doubt.
/// </summary>
public sealed class AmbiguousPostResentMarkTests
{
    [Fact]
    public async Task ThrottledAfterAResend_IsMarkedResent()
    {
        var sends = 0;
        var thrown = await Assert.ThrowsAsync<CosServiceException>(() => AmbiguousPost.SendAsync<object?, string>(
            null,
            (_, _) => ++sends == 1
                ? throw new CosServiceException(503, "ServiceUnavailable", "busy", "req-1", null)
                : throw new CosServiceException(429, "SlowDown", "slow down", "req-2", null),
            (_, _, _, _) => Task.FromResult(PostCheck<string>.NotApplied),
            null,
            CancellationToken.None).AsTask());

        Assert.Equal(2, sends);
        Assert.True(thrown.IsThrottling);
        Assert.True(CosFailureInfo.From(thrown)?.Resent);
        Assert.Equal(true, thrown.Data["CosQualityEstimate.Resent"]); // the unreleased Data key is still written
    }

    [Fact]
    public async Task ThrottledOnTheFirstSend_IsNotMarked()
    {
        var thrown = await Assert.ThrowsAsync<CosServiceException>(() => AmbiguousPost.SendAsync<object?, string>(
            null,
            (_, _) => throw new CosServiceException(429, "SlowDown", "slow down", "req-1", null),
            (_, _, _, _) => Task.FromResult(PostCheck<string>.NotApplied),
            null,
            CancellationToken.None).AsTask());

        Assert.True(thrown.IsThrottling);
        Assert.Null(CosFailureInfo.From(thrown));
        Assert.False(thrown.Data.Contains("CosQualityEstimate.Resent"));
    }
}
