using CosQualityEstimate.Emulator.Cli;

namespace CosQualityEstimate.Emulator.Tests;

public class CommandLineTests
{
    [Fact]
    public void TryParse_AllOptions_SetsOptions()
    {
        var error = EmulatorCommandLine.TryParse(
            new[] { "--port", "10999", "--secret-id", "ID", "--secret-key", "KEY", "--bucket", "b-1", "--region", "ap-x", "--queue-delay-ms", "5", "--run-duration-ms", "7" },
            out var options,
            out var help,
            out var keysGiven);

        Assert.Null(error);
        Assert.False(help);
        Assert.True(keysGiven);
        Assert.Equal(10999, options.Port);
        Assert.Equal("ID", options.SecretId);
        Assert.Equal("KEY", options.SecretKey);
        Assert.Equal("b-1", options.Bucket);
        Assert.Equal("ap-x", options.Region);
        Assert.Equal(TimeSpan.FromMilliseconds(5), options.QueueDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(7), options.RunDuration);
    }

    [Fact]
    public void TryParse_NoAnalysis_TurnsLocalAnalysisOff_DefaultIsOff()
    {
        Assert.Null(EmulatorCommandLine.TryParse(new[] { "--no-analysis", "--port", "1" }, out var options, out _, out _));
        Assert.False(options.LocalAnalysis);
        Assert.Equal(1, options.Port);

        // Issue 17 §3: the emulator is a hermetic test double; ffmpeg analysis is opt-in.
        Assert.Null(EmulatorCommandLine.TryParse(Array.Empty<string>(), out var defaults, out _, out _));
        Assert.False(defaults.LocalAnalysis);
        Assert.Equal(CosEmulatorOptions.DefaultLocalAnalysisConcurrency, defaults.LocalAnalysisConcurrency);
        Assert.Contains("--no-analysis", EmulatorCommandLine.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Analysis_TurnsLocalAnalysisOn_LastFlagWins()
    {
        Assert.Null(EmulatorCommandLine.TryParse(new[] { "--analysis", "--analysis-concurrency", "3" }, out var options, out _, out _));
        Assert.True(options.LocalAnalysis);
        Assert.Equal(3, options.LocalAnalysisConcurrency);
        Assert.Contains("--analysis ", EmulatorCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("--analysis-concurrency", EmulatorCommandLine.Usage, StringComparison.Ordinal);

        Assert.Null(EmulatorCommandLine.TryParse(new[] { "--analysis", "--no-analysis" }, out var off, out _, out _));
        Assert.False(off.LocalAnalysis);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("x")]
    public void TryParse_BadAnalysisConcurrency_ReturnsError(string value)
    {
        var error = EmulatorCommandLine.TryParse(new[] { "--analysis", "--analysis-concurrency", value }, out _, out _, out _);

        Assert.Equal("--analysis-concurrency must be 1 to 64.", error);
    }

    [Fact]
    public void TryParse_ObjectOptions_SetRequireStoredObjectsAndDirectory()
    {
        var error = EmulatorCommandLine.TryParse(new[] { "--require-objects", "--objects-dir", "/tmp/emu-objects", "--port", "1" }, out var options, out _, out _);

        Assert.Null(error);
        Assert.True(options.RequireStoredObjects);
        Assert.Equal("/tmp/emu-objects", options.ObjectStorageDirectory);
        Assert.Equal(1, options.Port);
        Assert.Null(EmulatorCommandLine.TryParse(Array.Empty<string>(), out var defaults, out _, out _));
        Assert.False(defaults.RequireStoredObjects);
        Assert.Null(defaults.ObjectStorageDirectory);
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--nope", "1")]
    [InlineData("--port")]
    public void TryParse_BadArguments_ReturnsError(params string[] args)
    {
        Assert.NotNull(EmulatorCommandLine.TryParse(args, out _, out _, out _));
    }

    [Fact]
    public void TryParse_NoKeys_UsesDocumentedDefaults()
    {
        Assert.Null(EmulatorCommandLine.TryParse(Array.Empty<string>(), out var options, out _, out var keysGiven));

        Assert.False(keysGiven);
        Assert.Equal("AKIDEMULATOR00000000000000000000", options.SecretId);
        Assert.Equal("emulatorSecretKey000000000000000", options.SecretKey);
    }

    [Theory]
    [InlineData(false, "Local analysis: off (the default here: every result is simulated; --analysis analyses uploaded objects with ffmpeg)")]
    [InlineData(true, "Local analysis: on (uploaded objects are analysed with ffmpeg when it is installed)")]
    public void StartLines_NameTheAnalysisModeAndEndWithAnExportLine(bool analysis, string modeLine)
    {
        var lines = EmulatorCommandLine.StartLines(new Uri("http://127.0.0.1:10999/"), "b-1250000000", "ap-x", "ID", "KEY", analysis, keysGiven: false);

        Assert.Contains(modeLine, lines);
        Assert.Equal("Listening on http://127.0.0.1:10999", lines[^2]);
        Assert.Equal("export COS_ENDPOINT=http://127.0.0.1:10999 COS_BUCKET=b-1250000000 COS_REGION=ap-x COS_SECRET_ID=ID COS_SECRET_KEY=KEY", lines[^1]);
    }

    [Fact]
    public void StartLines_NeverPrintASecretKeyTheUserChose()
    {
        var lines = EmulatorCommandLine.StartLines(new Uri("http://127.0.0.1:10999/"), "b-1", "ap-x", "MyId", "MyVerySecretKey", localAnalysis: false, keysGiven: true);

        Assert.DoesNotContain(lines, l => l.Contains("MyVerySecretKey", StringComparison.Ordinal));
        Assert.Equal("export COS_ENDPOINT=http://127.0.0.1:10999 COS_BUCKET=b-1 COS_REGION=ap-x COS_SECRET_ID=<your --secret-id> COS_SECRET_KEY=<your --secret-key>", lines[^1]);
    }
}
