namespace CosQualityEstimate.Models;

/// <summary>
/// A batch processing job that runs QualityEstimate over many objects on the service's side
/// (<c>POST /inventorytriggerjob</c> with <c>Type</c> Job and <c>Operation/Tag</c> QualityEstimate). The service creates one
/// ordinary QualityEstimate job per object; list them with <c>BatchJobsClient.ListBatchJobsAsync</c>.
/// </summary>
public sealed class QualityEstimateBatchRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="name">The batch's <c>Name</c>; must be unique in the bucket (see <see cref="Name"/>).</param>
    /// <param name="input">Which objects to analyse.</param>
    public QualityEstimateBatchRequest(string name, BatchJobInput input)
    {
        Name = name;
        Input = input;
    }

    /// <summary>
    /// <c>Name</c>: 1 to 128 letters, digits, <c>-</c> or <c>_</c>. A create is a paid POST: after an ambiguous failure the
    /// client looks the batch up by this name before it resends, so it must be unique in the bucket (a name used before
    /// could make the client take the older batch for this one).
    /// </summary>
    public string Name { get; set; }

    /// <summary><c>Input</c>: which objects to analyse.</summary>
    public BatchJobInput Input { get; set; }

    /// <summary><c>Operation/TimeInterval/Start</c>: only objects uploaded at or after this time.</summary>
    public DateTimeOffset? UploadedAfter { get; set; }

    /// <summary><c>Operation/TimeInterval/End</c>: only objects uploaded at or before this time.</summary>
    public DateTimeOffset? UploadedBefore { get; set; }

    /// <summary><c>Operation/QueueId</c>: the queue the jobs run in; the bucket's default queue when <c>null</c>.</summary>
    public string? QueueId { get; set; }

    /// <summary><c>Operation/UserData</c>: pass-through data, at most 1024 printable ASCII characters.</summary>
    public string? UserData { get; set; }

    /// <summary><c>Operation/JobLevel</c>: priority 0, 1 or 2.</summary>
    public int? JobLevel { get; set; }

    /// <summary><c>Operation/CallBack</c>: an absolute http(s) URL for job callbacks.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary><c>Operation/CallBackFormat</c>.</summary>
    public CallbackFormat? CallbackFormat { get; set; }

    /// <summary><c>Operation/CallBackType</c>.</summary>
    public CallbackType? CallbackType { get; set; }

    /// <summary><c>Operation/CallBackMqConfig</c>: required when <see cref="CallbackType"/> is Tdmq.</summary>
    public CallbackMqConfig? CallbackMqConfig { get; set; }

    /// <summary>
    /// <c>Operation/JobParam/QualityEstimateConfig</c> (<c>Rotate</c>, <c>Mode</c>). <b>Not confirmed by the service's
    /// documents</b>: the batch API documents no QualityEstimate parameters, so by default (<c>null</c>) nothing is sent and
    /// the service uses its default mode. Set it only if you have confirmed that your service honours it.
    /// </summary>
    public BatchQualityEstimateConfig? UnconfirmedQualityEstimateConfig { get; set; }
}
