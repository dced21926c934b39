using System.Xml;
using CosQualityEstimate.Http;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>Reads a <c>/inventorytriggerjob</c> answer; an unreadable one becomes <see cref="CosResponseFormatException"/> (naming the batch id when the body did).</summary>
internal static class BatchJobsResponseParser
{
    internal static BatchJobsResponseXml Parse(CosResponse response)
    {
        try
        {
            return BatchJobsResponseReader.Read(response.Body);
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

    internal static (CosResponse Response, BatchJobsResponseXml Parsed) ParseWithResponse(CosResponse response) => (response, Parse(response));
}
