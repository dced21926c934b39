using CosQualityEstimate.Http;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>Parses a 2xx CI jobs API <c>&lt;Response&gt;</c> body; anything unreadable becomes a <see cref="CosResponseFormatException"/> that keeps the status, the body's first bytes and any job id it names.</summary>
internal static class JobsResponseParser
{
    internal static JobsResponseXml Parse(CosResponse response) => CiResponseParser.Parse<JobsResponseXml>(response, JobsResponseReader.Read);

    /// <summary>The reader a jobs GET passes to the pipeline: the parsed body with the response it came from (status, request id).</summary>
    /// <param name="response">The 2xx response.</param>
    internal static (CosResponse Response, JobsResponseXml Parsed) ParseWithResponse(CosResponse response) => (response, Parse(response));
}
