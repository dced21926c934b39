using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>
/// Wire form of every <c>&lt;Response&gt;</c> body of the jobs API: submit, describe, list, and the
/// callback the service posts (which adds <c>EventName</c>).
/// </summary>
[XmlRoot("Response")]
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class JobsResponseXml
{
    /// <summary><c>EventName</c>: set in callbacks (for example <c>TaskFinish</c>).</summary>
    [XmlElement("EventName")] public string? EventName { get; set; }

    /// <summary><c>JobsDetail</c>: one or many jobs.</summary>
    [XmlElement("JobsDetail")] public List<JobDetailXml> JobsDetail { get; set; } = new();

    /// <summary><c>NonExistJobIds</c>: requested job ids the service does not know.</summary>
    [XmlElement("NonExistJobIds")] public List<string> NonExistJobIds { get; set; } = new();

    /// <summary><c>NextToken</c>: continuation token of a list call; empty on the last page.</summary>
    [XmlElement("NextToken")] public string? NextToken { get; set; }
}
