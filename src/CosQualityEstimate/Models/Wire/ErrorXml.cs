using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of the service's error body: <c>&lt;Error&gt;</c>.</summary>
[XmlRoot("Error")]
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class ErrorXml
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
