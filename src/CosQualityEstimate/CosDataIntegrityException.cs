namespace CosQualityEstimate;

/// <summary>
/// The service stored something other than the bytes that were sent: the ETag it returned for a PUT Object or an
/// Upload Part is not the MD5 of the local bytes, on every attempt. The object (or part) must not be trusted.
/// </summary>
public class CosDataIntegrityException : CosException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="objectKey">The object key.</param>
    /// <param name="partNumber">The part number, or <see langword="null"/> for a single PUT.</param>
    /// <param name="expectedMd5">Hex MD5 of the bytes sent.</param>
    /// <param name="returnedETag">The ETag the service returned.</param>
    /// <param name="requestId">Request id of the last attempt.</param>
    public CosDataIntegrityException(string objectKey, int? partNumber, string expectedMd5, string? returnedETag, string? requestId)
        : base($"The service's ETag {returnedETag ?? "(none)"} for {(partNumber is { } p ? $"part {p} of " : string.Empty)}object '{objectKey}' does not match the MD5 {expectedMd5} of the bytes sent (request id {requestId ?? "none"}).")
    {
        ObjectKey = objectKey;
        PartNumber = partNumber;
        ExpectedMd5 = expectedMd5;
        ReturnedETag = returnedETag;
        RequestId = requestId;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CosDataIntegrityException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CosDataIntegrityException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CosDataIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ObjectKey = string.Empty;
        ExpectedMd5 = string.Empty;
    }

    /// <summary>The object key.</summary>
    public string ObjectKey { get; }

    /// <summary>The part number, or <see langword="null"/> for a single PUT.</summary>
    public int? PartNumber { get; }

    /// <summary>Hex MD5 of the bytes sent.</summary>
    public string ExpectedMd5 { get; }

    /// <summary>The ETag the service returned.</summary>
    public string? ReturnedETag { get; }

    /// <summary>Request id of the last attempt.</summary>
    public string? RequestId { get; }
}
