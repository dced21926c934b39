using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Throttling proves a submit was not processed only when the library did not resend it after an ambiguous attempt.</summary>
public sealed class FailureTableResentTests
{
    [Fact]
    public void Throttling_without_a_resend_is_provably_not_processed()
    {
        Assert.True(FailureTable.ProvablyNotProcessed(new CosServiceException(429, "SlowDown", "slow down", "req", null)));
    }

    [Fact]
    public void Throttling_after_a_resend_keeps_the_key_in_doubt()
    {
        var exception = new CosServiceException(429, "SlowDown", "slow down", "req", null);
        exception.Data[JobsClient.ResentDataKey] = true;

        Assert.False(FailureTable.ProvablyNotProcessed(exception));
    }
}
