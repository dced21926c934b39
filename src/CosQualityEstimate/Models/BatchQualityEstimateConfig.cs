namespace CosQualityEstimate.Models;

/// <summary>
/// The <c>Operation/JobParam/QualityEstimateConfig</c> to send with a batch (<see cref="QualityEstimateBatchRequest.UnconfirmedQualityEstimateConfig"/>).
/// An input, validated like a submit's <see cref="QualityEstimateJobRequest.Rotate"/> and <see cref="QualityEstimateJobRequest.Mode"/>
/// (the echo a job describes is <see cref="QualityEstimateSettings"/>).
/// </summary>
public sealed class BatchQualityEstimateConfig
{
    /// <summary><c>Rotate</c>: 0, 90, 180 or 270; <c>null</c> omits it.</summary>
    public int? Rotate { get; init; }

    /// <summary><c>Mode</c>: the analysis mode; <c>null</c> omits it.</summary>
    public QualityEstimateMode? Mode { get; init; }
}
