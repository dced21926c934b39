namespace CosQualityEstimate.LocalAnalysis.Tests.RealFootage;

/// <summary>A theory on the fetched real-footage corpus: skipped, saying why and how to fetch it, when the files are
/// absent (CI fetches them in .ci/run, so there it always runs).</summary>
public sealed class RealFootageTheoryAttribute : TheoryAttribute
{
    public RealFootageTheoryAttribute()
    {
        if (RealCorpus.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
