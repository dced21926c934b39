using System.Globalization;
using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>
/// PUT Object and Upload Part with the ETag checked inside each attempt: a 2xx whose ETag is not the MD5 of the bytes
/// sent fails that attempt, and the pipeline's retry rule resends it like any unreadable answer. One budget for every
/// reason to send the bytes again — transient failures, a wrong ETag, a clock-skew or credential resend — so one
/// object or part is PUT at most <c>MaxRetries + 1</c> times in all.
/// </summary>
internal sealed class VerifiedPut
{
    private readonly CosHttpPipeline _pipeline;
    private readonly LocalFile _file;
    private readonly string _key;
    private readonly string _contentType;
    private readonly bool _sendContentMd5;
    private readonly UploadProgressTracker? _progress;
    private readonly int _maxAttempts;

    internal VerifiedPut(CosHttpPipeline pipeline, LocalFile file, string key, string contentType, bool sendContentMd5, UploadProgressTracker? progress, int maxRetries)
    {
        _pipeline = pipeline;
        _file = file;
        _key = key;
        _contentType = contentType;
        _sendContentMd5 = sendContentMd5;
        _progress = progress;
        _maxAttempts = maxRetries + 1;
    }

    /// <summary>
    /// Sends bytes <paramref name="offset"/>..+<paramref name="length"/> (PUT Object, or Upload Part when
    /// <paramref name="uploadId"/> is set) and returns the verified ETag and the request id. Throws
    /// <see cref="CosDataIntegrityException"/> when the last attempt's ETag still did not match.
    /// </summary>
    internal async Task<(string ETag, string? RequestId)> SendAsync(string? uploadId, int? partNumber, long offset, long length, CancellationToken cancellationToken)
    {
        byte[]? contentMd5 = _sendContentMd5 ? await LocalDigest.ComputeAsync(_file, offset, length, cancellationToken).ConfigureAwait(false) : null;
        FileSegmentContent? last = null;
        CosDataIntegrityException? mismatch = null;
        CosResponseFormatException? mismatchFailure = null;
        var request = new CosRequest(uploadId is null ? "PutObject" : "UploadPart", HttpMethod.Put, "/" + _key)
        {
            IsIdempotent = true,
            CaptureHeaders = true,
            MaxAttempts = _maxAttempts,
            ContentFactory = () =>
            {
                last?.RevokeProgress();
                last = new FileSegmentContent(_file, offset, length, _contentType, contentMd5, _progress);
                return last;
            },
        };
        if (uploadId is not null)
        {
            request.AddQuery("partNumber", partNumber!.Value.ToString(CultureInfo.InvariantCulture));
            request.AddQuery("uploadId", uploadId);
        }

        try
        {
            return await _pipeline.SendAsync(
                request,
                response =>
                {
                    response.Headers!.TryGetValue("ETag", out var etag);
                    var sent = last?.SentMd5;
                    if (sent is null || etag is null || !LooksLikeMd5(etag) || string.Equals(etag.Trim('"'), Hex.Lower(sent), StringComparison.OrdinalIgnoreCase))
                    {
                        // Verified, or nothing to verify against (an ETag that is not an MD5, for example with SSE-KMS).
                        return (etag ?? string.Empty, response.RequestId);
                    }

                    // The service stored other bytes than were sent: fail this attempt so the pipeline sends them again.
                    mismatch = new CosDataIntegrityException(_key, partNumber, Hex.Lower(sent), etag, response.RequestId);
                    mismatchFailure = new CosResponseFormatException(response.Status, response.RequestId, string.Empty, null, "the ETag does not match the MD5 of the bytes sent.", mismatch);
                    throw mismatchFailure;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            last?.RevokeProgress();
            if (mismatch is not null && ReferenceEquals(ex, mismatchFailure))
            {
                throw mismatch; // the last attempt's ETag was wrong too: the data-integrity failure, as before
            }

            throw;
        }
    }

    /// <summary>True for a 32-hex-digit ETag (optionally quoted): the MD5 form that single PUTs and parts get.</summary>
    internal static bool LooksLikeMd5(string etag)
    {
        var value = etag.Trim().Trim('"');
        return value.Length == 32 && value.All(char.IsAsciiHexDigit);
    }
}
