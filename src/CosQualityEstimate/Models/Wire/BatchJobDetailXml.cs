using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>
/// Wire form of one batch (<c>Response/JobsDetail</c> of <c>/inventorytriggerjob</c>). Official SDKs disagree on some
/// names: both spellings are kept (<c>CreationTime</c>/<c>CreateTime</c>; <c>Tag</c> and <c>QueueId</c> at the top or
/// under <c>Operation</c>).
/// </summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class BatchJobDetailXml
{
    /// <summary><c>Code</c>.</summary>
    [XmlElement("Code")] public string? Code { get; set; }

    /// <summary><c>Message</c>.</summary>
    [XmlElement("Message")] public string? Message { get; set; }

    /// <summary><c>JobId</c>: the batch id.</summary>
    [XmlElement("JobId")] public string? JobId { get; set; }

    /// <summary><c>Name</c>.</summary>
    [XmlElement("Name")] public string? Name { get; set; }

    /// <summary><c>Type</c>.</summary>
    [XmlElement("Type")] public string? Type { get; set; }

    /// <summary><c>State</c>.</summary>
    [XmlElement("State")] public string? State { get; set; }

    /// <summary><c>Tag</c>.</summary>
    [XmlElement("Tag")] public string? Tag { get; set; }

    /// <summary><c>Progress</c>.</summary>
    [XmlElement("Progress")] public string? Progress { get; set; }

    /// <summary><c>QueueId</c>.</summary>
    [XmlElement("QueueId")] public string? QueueId { get; set; }

    /// <summary><c>CreationTime</c>.</summary>
    [XmlElement("CreationTime")] public string? CreationTime { get; set; }

    /// <summary><c>CreateTime</c> (the other SDK spelling).</summary>
    [XmlElement("CreateTime")] public string? CreateTime { get; set; }

    /// <summary><c>StartTime</c>.</summary>
    [XmlElement("StartTime")] public string? StartTime { get; set; }

    /// <summary><c>EndTime</c>.</summary>
    [XmlElement("EndTime")] public string? EndTime { get; set; }

    /// <summary><c>Input</c>.</summary>
    [XmlElement("Input")] public BatchInputXml? Input { get; set; }

    /// <summary><c>Operation</c>.</summary>
    [XmlElement("Operation")] public BatchOperationXml? Operation { get; set; }
}
