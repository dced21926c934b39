using System.Xml.Linq;
using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of <c>Operation</c> (request and response).</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class JobOperationXml
{
    /// <summary><c>QualityEstimateConfig</c>: the scoring configuration.</summary>
    [XmlElement("QualityEstimateConfig")] public QualityEstimateConfigXml? QualityEstimateConfig { get; set; }

    /// <summary><c>UserData</c>: pass-through user data.</summary>
    [XmlElement("UserData")] public string? UserData { get; set; }

    /// <summary><c>JobLevel</c>: priority 0, 1 or 2.</summary>
    [XmlElement("JobLevel")] public string? JobLevel { get; set; }

    /// <summary><c>MediaInfo</c>: media information of the input (response only), kept as raw XML: the
    /// <c>&lt;MediaInfo&gt;</c> element itself with all its children.</summary>
    /// <remarks>
    /// Mapped with <see cref="XmlAnyElementAttribute"/>, not <see cref="XmlElementAttribute"/>: for an
    /// <see cref="XElement"/> member, <c>[XmlElement]</c> binds only the wrapper's first child, and with several children
    /// (Format, Stream) the serializer loses its place and drops every later sibling, including <c>QualityEstimate</c>.
    /// </remarks>
    [XmlAnyElement("MediaInfo")] public XElement? MediaInfo { get; set; }

    /// <summary><c>QualityEstimate</c>: the analysis result (response only, when complete).</summary>
    [XmlElement("QualityEstimate")] public QualityEstimateXml? QualityEstimate { get; set; }
}
