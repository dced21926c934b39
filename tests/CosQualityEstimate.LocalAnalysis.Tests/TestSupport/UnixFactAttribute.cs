namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>A fact that needs a POSIX shell (it is skipped, and says so, on Windows).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs a POSIX shell";
        }
    }
}
