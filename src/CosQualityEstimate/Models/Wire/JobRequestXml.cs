using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of the Submit-Job request body: <c>&lt;Request&gt;</c>.</summary>
[XmlRoot("Request")]
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class JobRequestXml
{
    /// <summary><c>Tag</c>: always <c>QualityEstimate</c> for this job type.</summary>
    [XmlElement("Tag")] public string? Tag { get; set; }

    /// <summary><c>Input</c>: the file to analyse.</summary>
    [XmlElement("Input")] public JobInputXml? Input { get; set; }

    /// <summary><c>Operation</c>: the operation rule.</summary>
    [XmlElement("Operation")] public JobOperationXml? Operation { get; set; }

    /// <summary><c>CallBack</c>: callback URL, or <c>no</c> to suppress the queue's callback.</summary>
    [XmlElement("CallBack")] public string? CallBack { get; set; }

    /// <summary><c>CallBackFormat</c>: <c>JSON</c> or <c>XML</c>.</summary>
    [XmlElement("CallBackFormat")] public string? CallBackFormat { get; set; }

    /// <summary><c>CallBackType</c>: <c>Url</c> or <c>TDMQ</c>.</summary>
    [XmlElement("CallBackType")] public string? CallBackType { get; set; }

    /// <summary><c>CallBackMqConfig</c>: TDMQ configuration, required when CallBackType is TDMQ.</summary>
    [XmlElement("CallBackMqConfig")] public CallBackMqConfigXml? CallBackMqConfig { get; set; }
}
