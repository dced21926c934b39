namespace CosQualityEstimate.Http;

/// <summary>A successful (2xx) response, fully read.</summary>
internal sealed class CosResponse
{
    internal CosResponse(int status, byte[] body, string? requestId, IReadOnlyDictionary<string, string>? headers = null)
    {
        Status = status;
        Body = body;
        RequestId = requestId;
        Headers = headers;
    }

    /// <summary>The allow-listed object headers (ETag, Content-Length, Last-Modified, Content-Type, x-cos-hash-crc64ecma) when the request asked for them.</summary>
    internal IReadOnlyDictionary<string, string>? Headers { get; }

    internal int Status { get; }

    internal byte[] Body { get; }

    /// <summary>The <c>x-ci-request-id</c> (or <c>x-cos-request-id</c>) header.</summary>
    internal string? RequestId { get; }

    /// <summary>What <see cref="CosRequest.Reader"/> read from this response inside the attempt, if the request had one.</summary>
    internal object? Value { get; set; }
}
