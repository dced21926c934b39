using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>
/// Issue 14 §3 end to end: the emulator analyses an uploaded clip with the real <see cref="LocalVideoAnalyzer"/> and
/// ffmpeg (clips generated at test time with lavfi sources; <c>.ci/run</c> installs ffmpeg).
/// </summary>
public sealed class FfmpegAnalysisTests : IDisposable
{
    private static readonly TimeSpan AnalysisBudget = TimeSpan.FromSeconds(120);

    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-emu-ffmpeg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task UploadedClipWithABlackSegment_IsAnalysedLocally_SolidColorScreenAtItsTimes()
    {
        var clip = await GenerateClipAsync("black.mp4",
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=4",
            "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,1,2.5)'",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "input/black.mp4", await File.ReadAllBytesAsync(clip));

        var id = await emu.SubmitJobIdAsync("input/black.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(AnalysisBudget);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.True(job.Element("State")!.Value == "Success", $"{job.Element("Code")?.Value}: {job.Element("Message")?.Value}");
        var estimate = job.Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("local-analysis", estimate.Element("ResultSource")!.Value);
        var solid = estimate.Element("VqaPlusResult")!.Elements("DetailedResult").Single(d => d.Element("Type")!.Value == "SolidColorScreen");
        var item = solid.Elements("Items").First();
        Assert.InRange(Seconds(item, "StartTimeOffset"), 0.5, 1.5);
        Assert.InRange(Seconds(item, "EndTimeOffset"), 2.0, 3.0);
        Assert.InRange(double.Parse(estimate.Element("Score")!.Value, CultureInfo.InvariantCulture), 0, 10);
        var duration = double.Parse(job.Element("Operation")!.Element("MediaInfo")!.Element("Format")!.Element("Duration")!.Value, CultureInfo.InvariantCulture);
        Assert.InRange(duration, 3.5, 4.5);
    }

    [Fact]
    public async Task UploadedTextFile_JobFails_WithInvalidInputFileAndFfmpegsReason()
    {
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "input/notes.mp4", "these are meeting notes, not a video\n");

        var id = await emu.SubmitJobIdAsync("input/notes.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(AnalysisBudget);
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.Equal("Failed", job.Element("State")!.Value);
        Assert.Equal("InvalidInputFile", job.Element("Code")!.Value);
        Assert.StartsWith("The input object input/notes.mp4 cannot be decoded: ", job.Element("Message")!.Value, StringComparison.Ordinal);
        Assert.True(job.Element("Message")!.Value.Length > "The input object input/notes.mp4 cannot be decoded: ".Length);
    }

    [Fact]
    public async Task FfmpegNotInstalled_UploadedClip_GetsTheLabelledSimulatedResult()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.LocalAnalysis = true;
            o.LocalAnalysisOptions = new LocalAnalysisOptions { FfmpegPath = Path.Combine(_directory, "no-such-dir", "ffmpeg") };
        });
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "bytes that are never read");

        var id = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(AnalysisBudget);
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.Equal("Success", job.Element("State")!.Value);
        var estimate = job.Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
        Assert.Equal(JobResultFactory.Score("input/clip.mp4"), estimate.Element("Score")!.Value);
    }

    private static double Seconds(XElement item, string name) => double.Parse(item.Element(name)!.Value, CultureInfo.InvariantCulture);

    private async Task<string> GenerateClipAsync(string name, params string[] arguments)
    {
        var path = Path.Combine(_directory, name);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments).Append(path))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start (is it installed? apt-get install ffmpeg)");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(AnalysisBudget);
        Assert.True(process.ExitCode == 0, "ffmpeg failed to generate the clip: " + await stderr);
        return path;
    }
}
