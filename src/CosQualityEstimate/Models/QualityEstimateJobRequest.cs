namespace CosQualityEstimate.Models;

/// <summary>
/// A request to submit a QualityEstimate job (<c>POST /jobs</c>, <c>Tag=QualityEstimate</c>).
/// Validated before anything is sent; see each property for the service's rule.
/// </summary>
public sealed class QualityEstimateJobRequest
{
    /// <summary>Creates a request for the given input object.</summary>
    /// <param name="objectKey">The object key of the video in the bound bucket (<c>Input/Object</c>), for example <c>input/demo.mp4</c>.</param>
    public QualityEstimateJobRequest(string objectKey)
    {
        ObjectKey = objectKey;
    }

    /// <summary><c>Input/Object</c>: the object key of the video in the bound bucket. Must not be empty.</summary>
    public string ObjectKey { get; set; }

    /// <summary>
    /// <c>QualityEstimateConfig/Rotate</c>: rotation angle, 0, 90, 180 or 270 (service default 0); <c>null</c> omits it.
    /// Ignored by the service when <see cref="Mode"/> is <see cref="QualityEstimateMode.VqaPlus"/>.
    /// </summary>
    public int? Rotate { get; set; }

    /// <summary><c>QualityEstimateConfig/Mode</c>: the analysis mode (service default General); <c>null</c> omits it.</summary>
    public QualityEstimateMode? Mode { get; set; }

    /// <summary><c>Operation/UserData</c>: pass-through text, printable ASCII only, at most 1024 characters.</summary>
    public string? UserData { get; set; }

    /// <summary><c>Operation/JobLevel</c>: priority 0, 1 or 2 (higher runs first; service default 0).</summary>
    public int? JobLevel { get; set; }

    /// <summary>
    /// <c>CallBack</c>: an absolute http(s) URL the service posts to when the job ends, or <c>no</c> to suppress
    /// the queue's callback. Takes precedence over the queue's callback address.
    /// </summary>
    public string? CallbackUrl { get; set; }

    /// <summary><c>CallBackFormat</c>: JSON or XML (service default XML).</summary>
    public CallbackFormat? CallbackFormat { get; set; }

    /// <summary><c>CallBackType</c>: Url or TDMQ (service default Url).</summary>
    public CallbackType? CallbackType { get; set; }

    /// <summary><c>CallBackMqConfig</c>: the TDMQ target; required when <see cref="CallbackType"/> is TDMQ.</summary>
    public CallbackMqConfig? CallbackMqConfig { get; set; }

    /// <summary>
    /// An idempotency key for this submit (1–64 letters, digits, '-' or '_'). When set (or when
    /// <c>JobsClientOptions.UseClientTokens</c> generates one), the client appends <c> cqe-token:&lt;token&gt;</c> to
    /// <c>UserData</c> and, if a submit's outcome is unknown, finds the job by this token instead of risking a duplicate.
    /// Reusing a token across processes makes a resubmission safe: look the job up first. It costs up to 75 of the 1024
    /// UserData characters. <see cref="JobDetail.UserData"/> is returned without the marker.
    /// </summary>
    public string? ClientToken { get; set; }
}
