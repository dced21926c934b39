namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of <c>Input</c> (request) and <c>JobsDetail/Input</c> (response).</summary>
internal sealed class JobInputXml
{
    /// <summary><c>Object</c>: the object key of the input file.</summary>
    public string? Object { get; set; }

    /// <summary><c>BucketId</c>: bucket of the input (response only).</summary>
    public string? BucketId { get; set; }

    /// <summary><c>Bucket</c>: the field table's name for the bucket (response only); accepted as an alias of <c>BucketId</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary><c>Region</c>: region of the bucket (response only).</summary>
    public string? Region { get; set; }
}
