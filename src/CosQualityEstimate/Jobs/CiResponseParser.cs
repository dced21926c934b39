using System.Xml;
using CosQualityEstimate.Http;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Reads a 2xx CI <c>&lt;Response&gt;</c> body with a given reader; anything unreadable becomes a
/// <see cref="CosResponseFormatException"/> that keeps the status, the request id, the body's first bytes and any job
/// id the body names.
/// </summary>
internal static class CiResponseParser
{
    internal static T Parse<T>(CosResponse response, Func<byte[], T> read)
    {
        try
        {
            return read(response.Body);
        }
        catch (Exception ex) when (ex is InvalidOperationException or XmlException)
        {
            throw new CosResponseFormatException(
                response.Status,
                response.RequestId,
                BodyPreview.Create(response.Body),
                BodyPreview.FindJobId(response.Body),
                "the body is not a well-formed <Response> document.",
                ex);
        }
    }
}
