namespace CosQualityEstimate.Objects;

/// <summary>How a file is split: parts of <see cref="PartSize"/> bytes, the last one smaller. COS rules: at most 10,000 parts, each 1 MB to 5 GB except the last.</summary>
internal readonly record struct PartPlan(long Length, long PartSize, int PartCount)
{
    internal const int MaxParts = 10_000;
    internal const long MinPartSize = 1024 * 1024;
    internal const long MaxPartSize = 5L * 1024 * 1024 * 1024;

    /// <summary>The largest object COS stores: 10,000 parts of 5 GB (48.82 TB).</summary>
    internal const long MaxObjectSize = MaxParts * MaxPartSize;

    /// <summary>The plan for <paramref name="length"/> bytes with a preferred part size, raised (whole MB) when the file would need more than 10,000 parts.</summary>
    internal static PartPlan For(long length, long preferredPartSize)
    {
        var partSize = Math.Max(preferredPartSize, MinPartSize);
        var needed = (length + MaxParts - 1) / MaxParts;
        if (needed > partSize)
        {
            partSize = (needed + MinPartSize - 1) / MinPartSize * MinPartSize;
        }

        partSize = Math.Min(partSize, MaxPartSize);
        var count = length == 0 ? 1 : (int)((length + partSize - 1) / partSize);
        return new PartPlan(length, partSize, count);
    }

    internal long OffsetOf(int partNumber) => (partNumber - 1) * PartSize;

    internal long SizeOf(int partNumber) => partNumber < PartCount ? PartSize : Length - OffsetOf(partNumber);
}
