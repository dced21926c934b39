using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of <c>Input</c> (request) and <c>JobsDetail/Input</c> (response).</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class JobInputXml
{
    /// <summary><c>Object</c>: the object key of the input file.</summary>
    [XmlElement("Object")] public string? Object { get; set; }

    /// <summary><c>BucketId</c>: bucket of the input (response only).</summary>
    [XmlElement("BucketId")] public string? BucketId { get; set; }

    /// <summary><c>Bucket</c>: the field table's name for the bucket (response only); accepted as an alias of <c>BucketId</c>.</summary>
    [XmlElement("Bucket")] public string? Bucket { get; set; }

    /// <summary><c>Region</c>: region of the bucket (response only).</summary>
    [XmlElement("Region")] public string? Region { get; set; }
}
