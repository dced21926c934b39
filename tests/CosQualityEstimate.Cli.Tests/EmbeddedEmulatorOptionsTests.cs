namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Issue 17 §3: the emulator package keeps ffmpeg analysis opt-in, and cosqe's embedded emulator opts in explicitly, so
/// "offline with ffmpeg → local-analysis" still holds (end to end in <see cref="OfflineEstimateWithFfmpegTests"/>);
/// <c>COSQE_EMULATOR_ANALYSIS=off</c> still turns it off.
/// </summary>
public sealed class EmbeddedEmulatorOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("on")]
    [InlineData(" ON ")]
    public void Analysis_IsOn_UnlessTurnedOff(string? value)
    {
        var options = EmbeddedEmulator.Options(name => name == EmbeddedEmulator.AnalysisVariable ? value : null);

        Assert.True(options.LocalAnalysis);
        Assert.False(new CosQualityEstimate.Emulator.CosEmulatorOptions().LocalAnalysis); // the package default it overrides
    }

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    public void Off_TurnsAnalysisOff(string value)
    {
        var options = EmbeddedEmulator.Options(name => name == EmbeddedEmulator.AnalysisVariable ? value : null);

        Assert.False(options.LocalAnalysis);
    }
}
