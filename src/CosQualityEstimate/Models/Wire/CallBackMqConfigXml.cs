using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of <c>CallBackMqConfig</c> (TDMQ callback target).</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class CallBackMqConfigXml
{
    /// <summary><c>MqRegion</c>: the TDMQ region (for example <c>bj</c>, <c>sh</c>, <c>gz</c>, <c>cd</c>, <c>hk</c>).</summary>
    [XmlElement("MqRegion")] public string? MqRegion { get; set; }

    /// <summary><c>MqMode</c>: <c>Queue</c> or <c>Topic</c>.</summary>
    [XmlElement("MqMode")] public string? MqMode { get; set; }

    /// <summary><c>MqName</c>: the TDMQ queue or topic name.</summary>
    [XmlElement("MqName")] public string? MqName { get; set; }
}
