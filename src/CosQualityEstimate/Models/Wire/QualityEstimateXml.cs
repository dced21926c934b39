using System.Xml.Serialization;

// Compiled twice: internal here, and with WIRE_ORACLE as public mirror types in the test and benchmark projects, where
// XmlSerializer (which handles public types only) is the test oracle for the hand-written XML code.
#if WIRE_ORACLE
namespace CosQualityEstimate.Tests.Oracle.Wire;
#else
namespace CosQualityEstimate.Models.Wire;
#endif

/// <summary>Wire form of <c>Operation/QualityEstimate</c>: the analysis result.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class QualityEstimateXml
{
    /// <summary><c>Score</c>: quality score as text, at most 10.</summary>
    [XmlElement("Score")] public string? Score { get; set; }

    /// <summary><c>VqaPlusResult</c>: detailed results in vqaPlus mode.</summary>
    [XmlElement("VqaPlusResult")] public VqaPlusResultXml? VqaPlusResult { get; set; }

    /// <summary><c>ResultSource</c>: where the result came from (<c>simulated</c>, <c>local-analysis</c>); written only
    /// by the emulator, never by the real service.</summary>
    [XmlElement("ResultSource")] public string? ResultSource { get; set; }
}

/// <summary>Wire form of <c>VqaPlusResult</c>.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class VqaPlusResultXml
{
    /// <summary><c>NoAudio</c>: the input has no audio.</summary>
    [XmlElement("NoAudio")] public string? NoAudio { get; set; }

    /// <summary><c>NoVideo</c>: the input has no video.</summary>
    [XmlElement("NoVideo")] public string? NoVideo { get; set; }

    /// <summary><c>DetailedResult</c>: one entry per kind of problem found.</summary>
    [XmlElement("DetailedResult")] public List<DetailedResultXml> DetailedResult { get; set; } = new();
}

/// <summary>Wire form of <c>DetailedResult</c>.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class DetailedResultXml
{
    /// <summary><c>Type</c>: the kind of problem (Jitter, Blur, ...).</summary>
    [XmlElement("Type")] public string? Type { get; set; }

    /// <summary><c>Items</c>: where the problem occurs.</summary>
    [XmlElement("Items")] public List<DetailedResultItemXml> Items { get; set; } = new();
}

/// <summary>Wire form of <c>DetailedResult/Items</c>.</summary>
#if WIRE_ORACLE
public
#else
internal
#endif
sealed class DetailedResultItemXml
{
    /// <summary><c>Confidence</c>: 0 to 100; may be absent.</summary>
    [XmlElement("Confidence")] public string? Confidence { get; set; }

    /// <summary><c>StartTimeOffset</c>: start, in seconds.</summary>
    [XmlElement("StartTimeOffset")] public string? StartTimeOffset { get; set; }

    /// <summary><c>EndTimeOffset</c>: end, in seconds.</summary>
    [XmlElement("EndTimeOffset")] public string? EndTimeOffset { get; set; }

    /// <summary><c>AreaCoordSet</c>: area coordinates in pixels, repeated elements or a comma-separated list.</summary>
    [XmlElement("AreaCoordSet")] public List<string> AreaCoordSet { get; set; } = new();
}
