using System.Runtime.CompilerServices;

namespace CosQualityEstimate;

/// <summary>
/// What the library recorded about the call an exception came from, typed: the input object and client token of a failed
/// submit (whatever the exception: a refusal, a cancellation mid-request, a transport failure), the id of a job whose wait
/// ended with an exception that has no <c>JobId</c> of its own, and whether a non-idempotent POST had been resent. Read it
/// with <see cref="From"/> on the exception the call threw; nothing here needs <see cref="Exception.Data"/> or a walk through
/// inner exceptions. (The 1.0 <c>Exception.Data</c> keys, <c>JobsClient.ObjectKeyDataKey</c>, <c>ClientTokenDataKey</c> and
/// <c>JobIdDataKey</c>, are still written, and obsolete.)
/// </summary>
public sealed class CosFailureInfo
{
    /// <summary>The 1.0 <see cref="Exception.Data"/> key of <see cref="ClientToken"/>.</summary>
    internal const string ClientTokenDataKey = "CosQualityEstimate.ClientToken";

    /// <summary>The 1.0 <see cref="Exception.Data"/> key of <see cref="ObjectKey"/>.</summary>
    internal const string ObjectKeyDataKey = "CosQualityEstimate.ObjectKey";

    /// <summary>The 1.0 <see cref="Exception.Data"/> key of <see cref="JobId"/>.</summary>
    internal const string JobIdDataKey = "CosQualityEstimate.JobId";

    /// <summary>The <see cref="Exception.Data"/> key of <see cref="Resent"/> (unreleased <c>JobsClient.ResentDataKey</c>).</summary>
    internal const string ResentDataKey = "CosQualityEstimate.Resent";

    private static readonly ConditionalWeakTable<Exception, CosFailureInfo> Recorded = new();

    private CosFailureInfo()
    {
    }

    /// <summary>The input object key of the submit that failed; <see langword="null"/> when the exception is not a submit's.</summary>
    public string? ObjectKey { get; private set; }

    /// <summary>
    /// The client token the failed submit carried, if any: a job whose <c>JobDetail.ClientToken</c> equals it was created by
    /// that submit (look it up with <c>JobsClient.FindJobByClientTokenAsync</c> before submitting again).
    /// </summary>
    public string? ClientToken { get; private set; }

    /// <summary>
    /// The id of the job the call had already created when it failed (a wait of <c>JobsClient.EstimateQualityAsync</c> ended by
    /// a cancellation or a polling error, or a cancellation while a named job was being read back): the job exists and
    /// keeps running. <see langword="null"/> when no job id was known.
    /// </summary>
    public string? JobId { get; private set; }

    /// <summary>
    /// <see langword="true"/> when the non-idempotent POST (a job submit, a batch create, Complete Multipart Upload) was
    /// resent after a look-up proved an earlier, ambiguous attempt had no effect, and then failed: whatever this failure
    /// says (even throttling, <see cref="CosServiceException.IsThrottling"/>) covers only the last send, so the request is
    /// not provably unprocessed and must be looked up before it is sent again.
    /// </summary>
    public bool Resent { get; private set; }

    /// <summary>What the library recorded on <paramref name="exception"/>, or <see langword="null"/> when it recorded nothing.</summary>
    /// <param name="exception">The exception a call of this library threw (not one of its inner exceptions).</param>
    /// <returns>The recorded facts, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static CosFailureInfo? From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Recorded.TryGetValue(exception, out var info) ? info : null;
    }

    /// <summary>Records the submit's object key and token (typed, and under the 1.0 <see cref="Exception.Data"/> keys).</summary>
    internal static void RecordSubmit(Exception exception, string objectKey, string? token)
    {
        var info = For(exception);
        info.ObjectKey = objectKey;
        exception.Data[ObjectKeyDataKey] = objectKey;
        if (token is not null)
        {
            info.ClientToken = token;
            exception.Data[ClientTokenDataKey] = token;
        }
    }

    /// <summary>Records the id of a job that exists (typed, and under the 1.0 <see cref="Exception.Data"/> key).</summary>
    internal static void RecordJobId(Exception exception, string jobId)
    {
        For(exception).JobId = jobId;
        exception.Data[JobIdDataKey] = jobId;
    }

    /// <summary>Records that the failing POST had been resent (typed, and under <see cref="ResentDataKey"/>).</summary>
    internal static void RecordResent(Exception exception)
    {
        For(exception).Resent = true;
        exception.Data[ResentDataKey] = true;
    }

    private static CosFailureInfo For(Exception exception) => Recorded.GetValue(exception, static _ => new CosFailureInfo());
}
