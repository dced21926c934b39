using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of <c>Operation</c> (request and response).</summary>
internal sealed class JobOperationXml
{
    /// <summary><c>QualityEstimateConfig</c>: the scoring configuration.</summary>
    public QualityEstimateConfigXml? QualityEstimateConfig { get; set; }

    /// <summary><c>UserData</c>: pass-through user data.</summary>
    public string? UserData { get; set; }

    /// <summary><c>JobLevel</c>: priority 0, 1 or 2.</summary>
    public string? JobLevel { get; set; }

    /// <summary><c>MediaInfo</c>: media information of the input (response only), kept as raw XML: the
    /// <c>&lt;MediaInfo&gt;</c> element itself with all its children.</summary>
    public XElement? MediaInfo { get; set; }

    /// <summary><c>QualityEstimate</c>: the analysis result (response only, when complete).</summary>
    public QualityEstimateXml? QualityEstimate { get; set; }
}
