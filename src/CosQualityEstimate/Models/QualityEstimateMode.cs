namespace CosQualityEstimate.Models;

/// <summary>Analysis mode of a QualityEstimate job (<c>QualityEstimateConfig/Mode</c>).</summary>
public enum QualityEstimateMode
{
    /// <summary><c>general</c>: returns only the video quality score. The service default.</summary>
    General = 0,

    /// <summary><c>vqaPlus</c>: returns the score plus detailed findings. <c>Rotate</c> is ignored in this mode.</summary>
    VqaPlus = 1,
}
