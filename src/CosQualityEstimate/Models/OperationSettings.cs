namespace CosQualityEstimate.Models;

/// <summary>
/// What a job submit (<see cref="QualityEstimateJobRequest"/>) and a batch create (<see cref="QualityEstimateBatchRequest"/>)
/// share: <c>UserData</c>, <c>JobLevel</c>, the callback settings, <c>QueueId</c> (a batch's; a 1.0 job request has none) and
/// the <c>QualityEstimateConfig</c>. Validated once (<c>Jobs.OperationSettingsValidator</c>) and mapped to the wire once
/// (<c>Serialization.OperationSettingsConverter</c>), whatever the request.
/// </summary>
internal readonly record struct OperationSettings(
    string? UserData,
    int? JobLevel,
    string? CallbackUrl,
    CallbackFormat? CallbackFormat,
    CallbackType? CallbackType,
    CallbackMqConfig? CallbackMqConfig,
    string? QueueId,
    int? Rotate,
    QualityEstimateMode? Mode)
{
    /// <summary>The settings of a job submit.</summary>
    internal static OperationSettings Of(QualityEstimateJobRequest request) =>
        new(request.UserData, request.JobLevel, request.CallbackUrl, request.CallbackFormat, request.CallbackType, request.CallbackMqConfig, null, request.Rotate, request.Mode);

    /// <summary>The settings of a batch create.</summary>
    internal static OperationSettings Of(QualityEstimateBatchRequest request) =>
        new(request.UserData, request.JobLevel, request.CallbackUrl, request.CallbackFormat, request.CallbackType, request.CallbackMqConfig, request.QueueId, request.UnconfirmedQualityEstimateConfig?.Rotate, request.UnconfirmedQualityEstimateConfig?.Mode);
}
