using System.Xml.Linq;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>
/// Issue 17 §2: the emulator maps each <see cref="LocalAnalysisFailure"/> to a job failure code. MediaUnreadable is a
/// verdict on the bytes (InvalidInputFile, cached per ETag); MediaAccess and AnalyzerFailure say nothing about them
/// (InternalError, never InvalidInputFile, not cached: the next job on the same object is analysed again).
/// </summary>
public sealed class AnalysisFailureMappingTests
{
    [Theory]
    [InlineData(LocalAnalysisFailure.MediaAccess)]
    [InlineData(LocalAnalysisFailure.AnalyzerFailure)]
    public async Task RetryableFailure_IsInternalError_AndTheNextJobOnTheSameObjectIsAnalysedAgain(LocalAnalysisFailure failure)
    {
        var calls = 0;
        var analyzer = new DelegateAnalyzer((_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw failure == LocalAnalysisFailure.MediaAccess
                    ? new MediaAccessException("'copy' could not be read: Input/output error")
                    : new LocalAnalysisException("'copy' could not be analysed: ffmpeg crashed (exit code 139)");
            }

            return Task.FromResult(AnalysisHarness.Result(7.5));
        });
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "bytes");

        var first = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var failed = (await emu.GetJobsAsync(first)).Jobs.Single();
        var second = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var retried = (await emu.GetJobsAsync(second)).Jobs.Single();

        Assert.Equal("Failed", failed.Element("State")!.Value);
        Assert.Equal("InternalError", failed.Element("Code")!.Value);
        Assert.Contains($"({failure})", failed.Element("Message")!.Value, StringComparison.Ordinal);
        Assert.Equal("Success", retried.Element("State")!.Value);
        Assert.Equal("7.5", retried.Element("Operation")!.Element("QualityEstimate")!.Element("Score")!.Value);
        Assert.Equal(2, calls);
    }
}
