namespace CosQualityEstimate.Objects;

/// <summary>The picture format of a snapshot (GetSnapshot's <c>format</c>).</summary>
public enum SnapshotFormat
{
    /// <summary><c>jpg</c>: a JPEG picture (<c>image/jpeg</c>); the service's default.</summary>
    Jpg,

    /// <summary><c>png</c>: a PNG picture (<c>image/png</c>).</summary>
    Png,
}
