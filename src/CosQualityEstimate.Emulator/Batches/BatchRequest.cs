using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>A validated <c>POST /inventorytriggerjob</c> body: name, exactly one input, the upload-time window and the job template every created job copies.</summary>
internal sealed record BatchRequest(
    string Name,
    string InputKind,
    string InputValue,
    DateTimeOffset? UploadedAfter,
    DateTimeOffset? UploadedBefore,
    string? QueueId,
    JobRequestXml JobTemplate);
