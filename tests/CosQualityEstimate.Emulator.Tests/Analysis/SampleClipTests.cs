using System.Globalization;
using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>
/// Issue 17 §3: <c>dotnet run --project samples/QuickStart</c> with no argument estimates a small real clip that ships
/// in the repository (<c>samples/QuickStart/media/street-camera.mp4</c>, a street camera from Debian's <c>opencv-doc</c>).
/// With ffmpeg installed (CI installs it) an emulator that opts in, as the sample does, analyses it: the first result a
/// newcomer sees is <c>local-analysis</c> of an actual video, without findings that are not in the picture.
/// </summary>
public sealed class SampleClipTests
{
    private static readonly string Clip = Path.Combine(AppContext.BaseDirectory, "Fixtures", "street-camera.mp4");

    [Fact]
    public void SampleClip_IsSmall_AndItsOriginIsStatedNextToIt()
    {
        Assert.InRange(new FileInfo(Clip).Length, 100_000, 1024 * 1024);
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "QuickStart", "media", "README.md"));
        Assert.Contains("opencv-doc", readme, StringComparison.Ordinal);
        Assert.Contains("4.6.0+dfsg-12", readme, StringComparison.Ordinal);
        Assert.Contains("Apache-2.0 AND BSD-3-Clause", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleClip_WithAnalysisOn_IsAnalysedLocally_WithoutFalseSevereFindings()
    {
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "uploads/street-camera.mp4", await File.ReadAllBytesAsync(Clip));

        var id = await emu.SubmitJobIdAsync("uploads/street-camera.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(120));
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.True(job.Element("State")!.Value == "Success", $"{job.Element("Code")?.Value}: {job.Element("Message")?.Value}");
        var estimate = job.Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("local-analysis", estimate.Element("ResultSource")!.Value);
        var vqa = estimate.Element("VqaPlusResult")!;
        Assert.Equal("false", vqa.Element("NoVideo")!.Value);
        var types = vqa.Elements("DetailedResult").Select(d => d.Element("Type")!.Value).ToList();
        foreach (var severe in new[] { "CrashScreen", "SolidColorScreen", "Mosaic", "BlackWhiteEdge", "NoVideo" })
        {
            Assert.DoesNotContain(severe, types);
        }

        var duration = double.Parse(job.Element("Operation")!.Element("MediaInfo")!.Element("Format")!.Element("Duration")!.Value, CultureInfo.InvariantCulture);
        Assert.InRange(duration, 7.5, 8.5);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CosQualityEstimate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CosQualityEstimate.sln not found above " + AppContext.BaseDirectory);
    }
}
