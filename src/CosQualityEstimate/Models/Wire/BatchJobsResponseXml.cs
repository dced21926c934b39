using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>
/// Wire form of every <c>&lt;Response&gt;</c> body of <c>/inventorytriggerjob</c> (create, describe, list): the batches,
/// the ids the service does not know (both SDK spellings, <c>NonExistJobIds</c> and <c>NonExistJobId</c>, each a
/// comma-separated list) and <c>NextToken</c>.
/// </summary>
[XmlRoot("Response")]
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class BatchJobsResponseXml
{
    /// <summary><c>JobsDetail</c>: one or many batches.</summary>
    [XmlElement("JobsDetail")] public List<BatchJobDetailXml> JobsDetail { get; set; } = new();

    /// <summary><c>NonExistJobIds</c>.</summary>
    [XmlElement("NonExistJobIds")] public List<string> NonExistJobIds { get; set; } = new();

    /// <summary><c>NonExistJobId</c> (the other SDK spelling).</summary>
    [XmlElement("NonExistJobId")] public List<string> NonExistJobId { get; set; } = new();

    /// <summary><c>NextToken</c>: continuation token of a list call; empty on the last page.</summary>
    [XmlElement("NextToken")] public string? NextToken { get; set; }
}
