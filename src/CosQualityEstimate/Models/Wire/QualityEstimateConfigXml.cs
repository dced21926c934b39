using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of <c>QualityEstimateConfig</c>.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class QualityEstimateConfigXml
{
    /// <summary><c>Rotate</c>: 0, 90, 180 or 270.</summary>
    [XmlElement("Rotate")] public string? Rotate { get; set; }

    /// <summary><c>Mode</c>: <c>general</c> or <c>vqaPlus</c>.</summary>
    [XmlElement("Mode")] public string? Mode { get; set; }
}
