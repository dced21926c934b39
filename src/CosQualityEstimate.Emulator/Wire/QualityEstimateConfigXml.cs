namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of <c>QualityEstimateConfig</c>.</summary>
internal sealed class QualityEstimateConfigXml
{
    /// <summary><c>Rotate</c>: 0, 90, 180 or 270.</summary>
    public string? Rotate { get; set; }

    /// <summary><c>Mode</c>: <c>general</c> or <c>vqaPlus</c>.</summary>
    public string? Mode { get; set; }
}
