using System.ComponentModel;
using System.Xml.Serialization;

namespace CosQualityEstimate.Models.Wire;

/// <summary>Wire form of the service's error body: <c>&lt;Error&gt;</c>.</summary>
[XmlRoot("Error")]
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class ErrorXml
{
    /// <summary><c>Code</c>: the service error code.</summary>
    [XmlElement("Code")] public string? Code { get; set; }

    /// <summary><c>Message</c>: the service error message.</summary>
    [XmlElement("Message")] public string? Message { get; set; }

    /// <summary><c>RequestId</c>: the request id.</summary>
    [XmlElement("RequestId")] public string? RequestId { get; set; }

    /// <summary><c>TraceId</c>: the trace id.</summary>
    [XmlElement("TraceId")] public string? TraceId { get; set; }
}
