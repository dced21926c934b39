using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of <c>JobsDetail</c>.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class JobDetailXml
{
    /// <summary><c>Code</c>: error code, meaningful only when State is Failed.</summary>
    [XmlElement("Code")] public string? Code { get; set; }

    /// <summary><c>Message</c>: error description, meaningful only when State is Failed.</summary>
    [XmlElement("Message")] public string? Message { get; set; }

    /// <summary><c>JobId</c>: the job id.</summary>
    [XmlElement("JobId")] public string? JobId { get; set; }

    /// <summary><c>State</c>: Submitted, Running, Success, Failed, Pause or Cancel.</summary>
    [XmlElement("State")] public string? State { get; set; }

    /// <summary><c>CreationTime</c>: service time text, e.g. <c>2022-06-27T15:23:10+0800</c>.</summary>
    [XmlElement("CreationTime")] public string? CreationTime { get; set; }

    /// <summary><c>StartTime</c>: service time text, <c>-</c> when not started.</summary>
    [XmlElement("StartTime")] public string? StartTime { get; set; }

    /// <summary><c>EndTime</c>: service time text, <c>-</c> when not ended.</summary>
    [XmlElement("EndTime")] public string? EndTime { get; set; }

    /// <summary><c>QueueId</c>: the queue the job belongs to.</summary>
    [XmlElement("QueueId")] public string? QueueId { get; set; }

    /// <summary><c>Tag</c>: the job type, <c>QualityEstimate</c>.</summary>
    [XmlElement("Tag")] public string? Tag { get; set; }

    /// <summary><c>Input</c>: the input of the job.</summary>
    [XmlElement("Input")] public JobInputXml? Input { get; set; }

    /// <summary><c>Operation</c>: the rule and, when complete, the result.</summary>
    [XmlElement("Operation")] public JobOperationXml? Operation { get; set; }
}
