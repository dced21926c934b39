using System.ComponentModel;
using System.Xml.Serialization;

namespace CosQualityEstimate.Models.Wire;

/// <summary>Wire form of <c>QualityEstimateConfig</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class QualityEstimateConfigXml
{
    /// <summary><c>Rotate</c>: 0, 90, 180 or 270.</summary>
    [XmlElement("Rotate")] public string? Rotate { get; set; }

    /// <summary><c>Mode</c>: <c>general</c> or <c>vqaPlus</c>.</summary>
    [XmlElement("Mode")] public string? Mode { get; set; }
}
