using System.Net.Http.Headers;

namespace CosQualityEstimate.Http;

/// <summary>The content type of every XML body the client sends, one instance the pipeline sets and the signer recognises.</summary>
internal static class XmlBody
{
    /// <summary>The media type, <c>application/xml</c>.</summary>
    internal const string MediaType = "application/xml";

    /// <summary>The header value set on the client's XML bodies (never changed: no parameters).</summary>
    internal static readonly MediaTypeHeaderValue ContentType = new(MediaType);
}
