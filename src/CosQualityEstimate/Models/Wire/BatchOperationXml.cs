using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of a batch's <c>Operation</c>, as far as a description reads it (<c>Tag</c>, <c>QueueId</c>, <c>UserData</c>).</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class BatchOperationXml
{
    /// <summary><c>Tag</c>.</summary>
    [XmlElement("Tag")] public string? Tag { get; set; }

    /// <summary><c>QueueId</c>.</summary>
    [XmlElement("QueueId")] public string? QueueId { get; set; }

    /// <summary><c>UserData</c>.</summary>
    [XmlElement("UserData")] public string? UserData { get; set; }
}
