using CosQualityEstimate.Http;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>Reads a <c>/inventorytriggerjob</c> answer; an unreadable one becomes <see cref="CosResponseFormatException"/> (naming the batch id when the body did).</summary>
internal static class BatchJobsResponseParser
{
    internal static BatchJobsResponseXml Parse(CosResponse response) => CiResponseParser.Parse(response, BatchJobsResponseReader.Read);

    internal static (CosResponse Response, BatchJobsResponseXml Parsed) ParseWithResponse(CosResponse response) => (response, Parse(response));
}
