using CosQualityEstimate.Models;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.RealFootage;

/// <summary>
/// The score on degradation ladders of real footage (docs/local-analysis.md, "Validation"): the committed phone clip
/// (<c>box-7s.mp4</c>, 1–5 s cut losslessly, as <c>tools/ScoreFit/make-ladders.sh</c> cuts it) degraded along x264 CRF,
/// down-and-up scaling, Gaussian blur and temporal noise must score lower at every harsher rung, and the anchors of
/// issue 22 that hold on it are pinned: the pristine rung is good (≥ 6), noise σ 16 scores at most 5, CRF 51 and σ 6
/// blur are not "good". The clip is held-out content of the fit (tools/ScoreFit/sources.txt): never fitted on.
/// </summary>
public sealed class ScoreLadderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cosqe-ladder-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    private readonly LocalVideoAnalyzer _analyzer = new();

    public static TheoryData<string, string[]> Ladders => new()
    {
        { "crf", ["crf=18", "crf=30", "crf=38", "crf=45", "crf=51"] },
        { "scale", ["crf=18", "scale=2", "scale=4", "scale=8"] },
        { "blur", ["crf=18", "blur=1.5", "blur=3", "blur=6"] },
        { "noise", ["crf=18", "noise=8", "noise=16", "noise=32"] },
    };

    [Theory]
    [MemberData(nameof(Ladders))]
    public async Task Score_falls_at_every_harsher_rung_of_a_real_clip(string axis, string[] rungs)
    {
        var source = Source();
        var scores = new List<double>();
        foreach (var rung in rungs)
        {
            scores.Add(await ScoreAsync(source, rung));
            output.WriteLine($"{axis} {rung}: {scores[^1]:0.00}");
        }

        for (var i = 1; i < scores.Count; i++)
        {
            Assert.True(scores[i] < scores[i - 1], $"{axis}: {rungs[i]} scored {scores[i]:0.00}, not below {rungs[i - 1]} {scores[i - 1]:0.00}");
        }
    }

    [Fact]
    public async Task Anchors_hold_on_a_real_clip()
    {
        var source = Source();
        var pristine = await ScoreAsync(source, "crf=18");
        var noise16 = await ScoreAsync(source, "noise=16");
        var crf51 = await ScoreAsync(source, "crf=51");
        var blur6 = await ScoreAsync(source, "blur=6");
        output.WriteLine($"pristine {pristine:0.00}, noise 16 {noise16:0.00}, CRF 51 {crf51:0.00}, blur 6 {blur6:0.00}");

        Assert.True(pristine >= QualityEstimate.GoodQualityThreshold, $"pristine rung {pristine:0.00} is not good");
        Assert.True(noise16 <= 5, $"noise σ 16 scored {noise16:0.00} (> 5)");
        Assert.True(crf51 < QualityEstimate.GoodQualityThreshold, $"CRF 51 scored {crf51:0.00} (good)");
        Assert.True(blur6 < QualityEstimate.GoodQualityThreshold, $"blur σ 6 scored {blur6:0.00} (good)");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The lossless 4 s source (x264 qp 0) cut from the committed clip at 1 s, made once per test.</summary>
    private string Source()
    {
        var source = Path.Combine(_directory, "source.mkv");
        if (!File.Exists(source))
        {
            TestSupport.Ffmpeg.Run("ffmpeg", [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", "1", "-i", RealCorpus.Committed, "-t", "4",
                "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p", "-fps_mode", "passthrough",
                "-c:v", "libx264", "-preset", "veryfast", "-qp", "0", "-an", source,
            ]);
        }

        return source;
    }

    /// <summary>The score of one rung (<c>crf=N</c>, <c>scale=D</c>, <c>blur=σ</c>, <c>noise=σ</c>; the others at CRF 18),
    /// made as make-ladders.sh makes it.</summary>
    private async Task<double> ScoreAsync(string source, string rung)
    {
        var (kind, level) = (rung.Split('=')[0], rung.Split('=')[1]);
        var filter = kind switch
        {
            "crf" => "null",
            "scale" => $"scale=iw/{level}:-2:flags=bicubic,scale=iw*{level}:ih*{level}:flags=bicubic",
            "blur" => $"gblur=sigma={level}",
            "noise" => $"noise=c0s={level}:c0f=t",
            _ => throw new ArgumentException("unknown rung " + rung, nameof(rung)),
        };
        var crf = kind == "crf" ? level : "18";
        var file = Path.Combine(_directory, $"{kind}-{level.Replace('.', '_')}.mp4");
        TestSupport.Ffmpeg.Run("ffmpeg", [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source, "-vf", filter,
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-an",
            "-crf", crf, file,
        ]);
        var result = await _analyzer.AnalyzeAsync(file);
        return result.Breakdown!.Score;
    }
}
