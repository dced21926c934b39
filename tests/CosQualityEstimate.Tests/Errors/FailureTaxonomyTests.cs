using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Tests.Errors;

/// <summary>
/// The public failure taxonomy (<see cref="CosException.IsTransient"/>, <see cref="CosServiceException.IsThrottling"/>)
/// and the public object-key rules: one answer per question, computed by the library's one classifier.
/// </summary>
public sealed class FailureTaxonomyTests
{
    [Theory]
    [InlineData(429, null, true, true)]
    [InlineData(503, "SlowDown", true, true)]
    [InlineData(400, "RequestLimitExceeded", true, true)]
    [InlineData(503, "ServiceUnavailable", true, false)]
    [InlineData(500, "InternalError", true, false)]
    [InlineData(502, null, true, false)]
    [InlineData(504, null, true, false)]
    [InlineData(408, null, true, false)]
    [InlineData(403, "AccessDenied", false, false)]
    [InlineData(401, "SignatureDoesNotMatch", false, false)]
    [InlineData(400, "InvalidArgument", false, false)]
    [InlineData(404, "NoSuchKey", false, false)]
    [InlineData(403, "QuotaExceeded", false, false)]
    public void CosServiceException_StatusAndCode_ClassifiedOnce(int status, string? code, bool transient, bool throttling)
    {
        var exception = new CosServiceException(status, code, "message", "req-1", null);

        Assert.Equal(transient, exception.IsTransient);
        Assert.Equal(throttling, exception.IsThrottling);
    }

    public static TheoryData<CosException, bool> OtherFailures => new()
    {
        { new CosTransportException("GetJobs", isTimeout: true, "timed out", null), true },
        { new CosResponseFormatException(200, null, "<Resp", null, "truncated"), true },
        { new SubmitOutcomeUnknownException("a.mp4", "t", "reset", null), true },
        { new JobWaitTimeoutException("job-1", null, TimeSpan.FromSeconds(1)), true },
        { new CosDataIntegrityException("a.mp4", 1, "abc", "def", null), true },
        { new JobFailedException("failed"), false },
        { new CosCredentialUnavailableException("no credential"), false },
        { new JobCallbackFormatException("bad", "<x", null), false },
        { new JobNotFoundException("job-1", 400, null), false },
        { new JobCancellationRefusedException("job-1", new CosServiceException(409, "InvalidState", "done", null, null)), false },
    };

    [Theory]
    [MemberData(nameof(OtherFailures))]
    public void CosException_EveryType_HasOneTransientAnswer(CosException exception, bool transient) =>
        Assert.Equal(transient, exception.IsTransient);

    [Theory]
    [InlineData("videos/a.mp4", false, null)]
    [InlineData("", false, "must not be empty")]
    [InlineData("/a.mp4", false, "must not start with '/'")]
    [InlineData("a/../b.mp4", false, "\"..\" path segment")]
    [InlineData("a//b.mp4", false, "empty")]
    [InlineData("line\nbreak.mp4", false, "control characters")]
    [InlineData("folder/", false, null)]
    [InlineData("folder/", true, "names a folder")]
    public void ObjectKeyValidator_GetProblem_NamesTheRule(string key, bool forUpload, string? problem)
    {
        var found = ObjectKeyValidator.GetProblem(key, forUpload);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ObjectKeyValidator_LimitIs850Utf8Bytes()
    {
        Assert.Null(ObjectKeyValidator.GetProblem(new string('k', ObjectKeyValidator.MaxKeyBytes)));
        Assert.Contains("852 bytes of UTF-8", ObjectKeyValidator.GetProblem(new string('视', 284)), StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => ObjectKeyValidator.Validate("/a", "objectKey"));
        Assert.Equal("objectKey", thrown.ParamName);
    }
}
