using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of a batch's <c>Input</c>: one of <c>Prefix</c>, <c>Manifest</c>, <c>UrlFile</c>, <c>Object</c>.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class BatchInputXml
{
    /// <summary><c>Prefix</c>.</summary>
    [XmlElement("Prefix")] public string? Prefix { get; set; }

    /// <summary><c>Manifest</c>.</summary>
    [XmlElement("Manifest")] public string? Manifest { get; set; }

    /// <summary><c>UrlFile</c>.</summary>
    [XmlElement("UrlFile")] public string? UrlFile { get; set; }

    /// <summary><c>Object</c>.</summary>
    [XmlElement("Object")] public string? Object { get; set; }
}
