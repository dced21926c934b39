using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>
/// Issue 17 §3: the emulator is a hermetic test double. Analysing stored objects with ffmpeg is opt-in
/// (<see cref="CosEmulatorOptions.LocalAnalysis"/> defaults to false), so a user's tests give the same answers whether
/// or not ffmpeg is installed, and an upload that is not a real video ends Success with the simulated result.
/// </summary>
public sealed class HermeticDefaultTests
{
    [Fact]
    public void Options_LocalAnalysisIsOffByDefault_WithDocumentedConcurrencyAndCacheSize()
    {
        var options = new CosEmulatorOptions();

        Assert.False(options.LocalAnalysis);
        Assert.Equal(1, options.LocalAnalysisConcurrency);
        Assert.Equal(CosEmulatorOptions.DefaultLocalAnalysisConcurrency, options.LocalAnalysisConcurrency);
        Assert.Equal(256, options.LocalAnalysisCacheSize);
        Assert.Equal(CosEmulatorOptions.DefaultLocalAnalysisCacheSize, options.LocalAnalysisCacheSize);
    }

    [Fact]
    public async Task DefaultEmulator_RandomBytesUploaded_EndSuccessSimulated_NotInvalidInputFile()
    {
        // With ffmpeg on the machine, an opted-in emulator would fail these bytes with InvalidInputFile
        // (FfmpegAnalysisTests.UploadedTextFile_JobFails_WithInvalidInputFileAndFfmpegsReason); the default must not.
        var bytes = new byte[64 * 1024];
        new Random(17).NextBytes(bytes);
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "input/random.mp4", bytes);

        var id = await emu.SubmitJobIdAsync("input/random.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.Equal("Success", job.Element("State")!.Value);
        var estimate = job.Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
        Assert.Equal(JobResultFactory.Score("input/random.mp4"), estimate.Element("Score")!.Value);
        Assert.NotNull(estimate.Element("VqaPlusResult"));
        Assert.Equal(0, emu.Emulator.CachedAnalysisCount);
    }

    [Fact]
    public async Task DefaultEmulator_EstimateFileThroughTheLibrary_IsSimulated_WhateverTheBytes()
    {
        var file = Path.Combine(Path.GetTempPath(), "cosqe-hermetic-" + Guid.NewGuid().ToString("N") + ".mp4");
        await File.WriteAllTextAsync(file, "meeting notes, not a video\n");
        try
        {
            var time = new AutoAdvanceTimeProvider(TestEmulator.Start);
            await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
            using var client = new JobsClient(TestEmulator.AutoAdvanceClientOptions(emulator, time));

            var outcome = await client.EstimateFileQualityAsync(file, new FileQualityEstimateOptions
            {
                Mode = QualityEstimateMode.VqaPlus,
                Polling = new JobPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromSeconds(60) },
            });

            Assert.Equal(JobState.Success, outcome.Job.State);
            Assert.Equal(QualityEstimateSource.Simulated, outcome.Job.QualityEstimate!.Source);
            Assert.Equal("simulated", outcome.Job.QualityEstimate.RawSource);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DefaultEmulator_NeverCallsTheAnalyzer_EvenWhenOneIsSupplied()
    {
        var analyzer = new ScriptedAnalyzer();
        await using var emu = await TestEmulator.StartAsync(o => o.Analyzer = analyzer);
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "video bytes");

        var id = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var estimate = (await emu.GetJobsAsync(id)).Jobs.Single().Element("Operation")!.Element("QualityEstimate")!;

        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
        Assert.Empty(analyzer.Contents);
    }

    [Theory]
    [InlineData(0, 256, "LocalAnalysisConcurrency must be 1 to 64 (got 0).")]
    [InlineData(65, 256, "LocalAnalysisConcurrency must be 1 to 64 (got 65).")]
    [InlineData(-1, 256, "LocalAnalysisConcurrency must be 1 to 64 (got -1).")]
    [InlineData(1, 0, "LocalAnalysisCacheSize must be at least 1 (got 0).")]
    public async Task BadAnalysisLimits_AreRefusedAtStart(int concurrency, int cacheSize, string message)
    {
        var options = new CosEmulatorOptions { LocalAnalysis = true, LocalAnalysisConcurrency = concurrency, LocalAnalysisCacheSize = cacheSize };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => CosEmulator.StartAsync(options));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public async Task BadAnalysisLimits_AreRefused_EvenWithAnalysisOff()
    {
        // A typo in a test's options fails at once, not later when someone turns analysis on.
        var options = new CosEmulatorOptions { LocalAnalysisConcurrency = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => CosEmulator.StartAsync(options));
    }

    internal static XElement Estimate(RawResponse response) => response.Jobs.Single().Element("Operation")!.Element("QualityEstimate")!;
}
