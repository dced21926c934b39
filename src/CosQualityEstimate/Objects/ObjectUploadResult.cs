namespace CosQualityEstimate.Objects;

/// <summary>The outcome of <see cref="ObjectsClient.UploadFileAsync"/>.</summary>
public sealed class ObjectUploadResult
{
    /// <summary>Creates a result (also for tests and mocks).</summary>
    /// <param name="key">The object key.</param>
    /// <param name="size">Bytes uploaded.</param>
    /// <param name="eTag">The object's ETag as the service returned it (with quotes).</param>
    /// <param name="partCount">Parts of a multipart upload; 0 for a single PUT.</param>
    /// <param name="resumedPartCount">Parts that an earlier, interrupted upload had already stored and were not sent again.</param>
    /// <param name="requestId">Request id of the final request (PUT Object or Complete Multipart Upload).</param>
    public ObjectUploadResult(string key, long size, string eTag, int partCount, int resumedPartCount, string? requestId)
    {
        Key = key;
        Size = size;
        ETag = eTag;
        PartCount = partCount;
        ResumedPartCount = resumedPartCount;
        RequestId = requestId;
    }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>Bytes uploaded.</summary>
    public long Size { get; }

    /// <summary>The object's ETag as returned (with quotes): the content MD5 for a single PUT, <c>"…-&lt;parts&gt;"</c> for multipart.</summary>
    public string ETag { get; }

    /// <summary>Parts of a multipart upload; 0 for a single PUT.</summary>
    public int PartCount { get; }

    /// <summary>Parts that an interrupted upload had already stored (resume) and were not sent again.</summary>
    public int ResumedPartCount { get; }

    /// <summary>Request id of the final request.</summary>
    public string? RequestId { get; }

    /// <summary>True when nothing was sent because the object already held this file (<see cref="UploadFileOptions.SkipIfUnchanged"/>).</summary>
    public bool Unchanged { get; init; }
}
