using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Tests.Objects;

/// <summary>Part sizes follow COS's multipart rules: at most 10,000 parts, 1 MB to 5 GB each except the last.</summary>
public sealed class PartPlanTests
{
    private const long MB = 1024 * 1024;

    [Theory]
    [InlineData(256 * MB, 8 * MB, 8 * MB, 32)]
    [InlineData((256 * MB) + 1, 8 * MB, 8 * MB, 33)]
    [InlineData(10_000 * 8 * MB, 8 * MB, 8 * MB, 10_000)]
    [InlineData((10_000 * 8 * MB) + 1, 8 * MB, 9 * MB, 8_889)]
    [InlineData(5L * 1024 * 1024 * MB, 8 * MB, 525 * MB, 9_987)]
    public void For_FileSize_PicksPartSizeWithinTheLimits(long length, long preferred, long expectedPartSize, int expectedParts)
    {
        var plan = PartPlan.For(length, preferred);

        Assert.Equal(expectedPartSize, plan.PartSize);
        Assert.Equal(expectedParts, plan.PartCount);
        Assert.Equal(length, Enumerable.Range(1, plan.PartCount).Sum(n => plan.SizeOf(n)));
    }

    [Fact]
    public void For_LargestCosObject_FitsIn10000PartsOf5GB()
    {
        var plan = PartPlan.For(PartPlan.MaxObjectSize, 8 * MB);

        Assert.Equal(10_000, plan.PartCount);
        Assert.Equal(5L * 1024 * MB, plan.PartSize);
        Assert.Equal(53_687_091_200_000, PartPlan.MaxObjectSize); // 48.82 TB
    }

    [Theory]
    [InlineData("videos/a.mp4", true)]
    [InlineData("视频/第一集.mp4", true)]
    [InlineData("a b+c,d.mp4", true)]
    [InlineData("/a.mp4", false)]
    [InlineData("a//b.mp4", false)]
    [InlineData("a/./b.mp4", false)]
    [InlineData("..", false)]
    [InlineData("a\tb", false)]
    [InlineData("", false)]
    public void ObjectKey_Rules_AcceptOrRejectBeforeAnyRequest(string key, bool valid)
    {
        var error = Record.Exception(() => ObjectKeyValidator.Validate(key, "objectKey", forUpload: true));

        if (valid)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal("objectKey", Assert.IsType<ArgumentException>(error).ParamName);
        }
    }

    [Fact]
    public void ObjectKey_851Utf8Bytes_IsRejected()
    {
        Assert.Null(Record.Exception(() => ObjectKeyValidator.Validate(new string('a', 850), "k")));
        Assert.IsType<ArgumentException>(Record.Exception(() => ObjectKeyValidator.Validate(new string('a', 851), "k")));
    }
}
