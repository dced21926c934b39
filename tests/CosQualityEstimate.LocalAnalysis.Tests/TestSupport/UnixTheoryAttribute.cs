namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>A theory that needs a POSIX shell (it is skipped, and says so, on Windows).</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs a POSIX shell";
        }
    }
}
