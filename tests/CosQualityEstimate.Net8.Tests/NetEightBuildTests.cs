using System.Runtime.Versioning;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Tests;

/// <summary>This project really runs the library's net8.0 build (on the .NET 10 runtime, by roll-forward).</summary>
public sealed class NetEightBuildTests
{
    [Fact]
    public void TheLibraryUnderTest_IsItsNet8Build()
    {
        var framework = typeof(JobsClient).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName;

        Assert.Equal(".NETCoreApp,Version=v8.0", framework);
        Assert.True(Environment.Version.Major >= 8);
    }
}
