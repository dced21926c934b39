namespace CosQualityEstimate.Objects;

/// <summary>Per-call settings of <see cref="ObjectsClient.UploadFileAsync"/>.</summary>
public sealed class UploadFileOptions
{
    /// <summary>The object's <c>Content-Type</c>; <c>application/octet-stream</c> when not set.</summary>
    public string? ContentType { get; set; }

    /// <summary>Receives progress: bytes acknowledged so far and the file size. Reports are throttled (about every 1 MB and at the end).</summary>
    public IProgress<UploadProgress>? Progress { get; set; }

    /// <summary>
    /// Also send <c>Content-MD5</c> with every PUT Object and Upload Part, so the service itself refuses a body
    /// corrupted in transit (<c>BadDigest</c>). Costs one extra read of the file; default <see langword="false"/>:
    /// the MD5 of the bytes sent is then compared with the returned ETag after each request instead.
    /// </summary>
    public bool SendContentMd5 { get; set; }

    /// <summary>
    /// Resume an unfinished multipart upload of the same key whose parts match this file (same part size, each part's
    /// ETag equal to the MD5 of the local bytes); default <see langword="true"/>.
    /// </summary>
    public bool ResumeMultipartUpload { get; set; } = true;

    /// <summary>
    /// Skip the upload when the object already holds exactly this file (HEAD: same size and the ETag this client's upload
    /// of the file produces — the MD5, or the multipart form for its part plan); the result then has
    /// <see cref="ObjectUploadResult.Unchanged"/> set. Default <see langword="false"/> (always upload).
    /// </summary>
    public bool SkipIfUnchanged { get; set; }
}
