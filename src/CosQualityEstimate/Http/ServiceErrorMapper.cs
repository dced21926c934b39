using System.Xml;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Http;

/// <summary>Turns a non-success response into a <see cref="CosServiceException"/>: from the <c>&lt;Error&gt;</c> body when there is one, from the status and headers otherwise (gateway HTML, empty body).</summary>
internal static class ServiceErrorMapper
{
    internal static CosServiceException Map(int status, ReadOnlySpan<byte> body, string? headerRequestId, string? headerTraceId)
    {
        ErrorXml? error = null;
        if (LooksLikeXml(body))
        {
            try
            {
                error = JobsResponseReader.ReadError(body);
            }
            catch (XmlException)
            {
                // Not an <Error> document (or malformed): fall back to status and headers below.
            }
        }

        if (error is not null && (error.Code is not null || error.Message is not null))
        {
            return new CosServiceException(status, error.Code, error.Message, error.RequestId ?? headerRequestId, error.TraceId ?? headerTraceId);
        }

        var preview = body.IsEmpty ? "(empty body)" : "Body starts: " + BodyPreview.Create(body);
        return new CosServiceException(status, null, preview, headerRequestId, headerTraceId);
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }
}
