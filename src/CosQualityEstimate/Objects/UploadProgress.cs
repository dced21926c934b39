namespace CosQualityEstimate.Objects;

/// <summary>Progress of an upload.</summary>
/// <param name="BytesTransferred">Bytes sent in requests that are in flight or done (a retried request starts its count again).</param>
/// <param name="TotalBytes">The file size.</param>
public readonly record struct UploadProgress(long BytesTransferred, long TotalBytes);
