using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.RealFootage;

/// <summary>
/// Issue 22's defect and its fix on real content: two single-pass ABR encodes of the committed phone clip
/// (<c>box-7s.mp4</c>, 1–5 s, scaled to 1280x720) at 2 Mb/s and at a starved 150 kb/s. Under ABR x264 (and x265) write
/// the same PPS initial QP whatever the rate (26 for x264: what <c>nss-prior-2</c> read, so both had the same "QP"), while
/// the slice QP the rate control chose differs by a lot; the starved encode must read a much higher QP and score lower.
/// A stream whose QP is not read (MPEG-4 part 2) is scored by the no-QP variant, which still charges a starved rate.
/// </summary>
public sealed class AbrQuantizerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cosqe-abr-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    private readonly LocalVideoAnalyzer _analyzer = new();

    [Theory]
    [InlineData("libx264")]
    [InlineData("libx265")]
    public async Task A_starved_abr_encode_reads_a_much_higher_slice_qp_and_scores_lower(string encoder)
    {
        var rich = await AnalyzeAsync(encoder, "2M");
        var starved = await AnalyzeAsync(encoder, "150k");
        output.WriteLine($"{encoder} 2 Mb/s: QP {rich.QuantizationParameter}, score {rich.Score} ({rich.Model}); 150 kb/s: QP {starved.QuantizationParameter}, score {starved.Score}");

        Assert.NotNull(rich.QuantizationParameter);
        Assert.NotNull(starved.QuantizationParameter);
        Assert.True(starved.QuantizationParameter - rich.QuantizationParameter >= 8, $"slice QP {starved.QuantizationParameter} at 150 kb/s against {rich.QuantizationParameter} at 2 Mb/s");
        Assert.True(starved.Score < rich.Score, $"starved {starved.Score} not below {rich.Score}");
        Assert.True(starved.EncodingPriorPenalty > rich.EncodingPriorPenalty, $"prior {starved.EncodingPriorPenalty} not above {rich.EncodingPriorPenalty}");
        Assert.DoesNotContain("/no-qp", rich.Model, StringComparison.Ordinal);
        Assert.DoesNotContain("/no-qp", starved.Model, StringComparison.Ordinal);
        if (encoder == "libx264")
        {
            // The defect this fixes: x264's ABR writes the same PPS initial QP (26) at both rates — all nss-prior-2 read.
            Assert.Equal(["0"], InitialQpDeltas(Path.Combine(_directory, "libx264-2M.mp4")));
            Assert.Equal(["0"], InitialQpDeltas(Path.Combine(_directory, "libx264-150k.mp4")));
        }
    }

    /// <summary>The distinct <c>pic_init_qp_minus26</c> values of a file's PPSs (ffmpeg's trace_headers).</summary>
    private static string[] InitialQpDeltas(string file)
    {
        var info = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-i", file, "-map", "0:v:0", "-c", "copy", "-bsf:v", "trace_headers", "-f", "null", "-" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var values = new SortedSet<string>(StringComparer.Ordinal);
        while (process.StandardError.ReadLine() is { } line)
        {
            if (line.Contains(" pic_init_qp_minus26 ", StringComparison.Ordinal))
            {
                values.Add(line[(line.LastIndexOf('=') + 1)..].Trim());
            }
        }

        process.WaitForExit();
        _ = stdout.Result;
        Assert.Equal(0, process.ExitCode);
        return [.. values];
    }

    [Fact]
    public async Task A_stream_without_a_readable_qp_is_scored_by_the_no_qp_variant_which_charges_a_starved_rate()
    {
        var rich = await AnalyzeAsync("mpeg4", "2M");
        var starved = await AnalyzeAsync("mpeg4", "150k");
        output.WriteLine($"mpeg4 2 Mb/s: score {rich.Score}, prior {rich.EncodingPriorPenalty} ({rich.Model}); 150 kb/s: score {starved.Score}, prior {starved.EncodingPriorPenalty}");

        Assert.Null(rich.QuantizationParameter);
        Assert.Contains("/no-qp", rich.Model, StringComparison.Ordinal);
        Assert.Contains("/no-qp", starved.Model, StringComparison.Ordinal);
        Assert.True(starved.EncodingPriorPenalty > rich.EncodingPriorPenalty, $"prior {starved.EncodingPriorPenalty} not above {rich.EncodingPriorPenalty}");
        Assert.True(starved.Score < rich.Score, $"starved {starved.Score} not below {rich.Score}");
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

    private async Task<LocalScoreBreakdown> AnalyzeAsync(string encoder, string rate)
    {
        var file = Path.Combine(_directory, $"{encoder}-{rate}.mp4");
        string[] codec = encoder switch
        {
            "libx264" => ["-c:v", "libx264", "-preset", "veryfast"],
            "libx265" => ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"],
            _ => ["-c:v", encoder],
        };
        TestSupport.Ffmpeg.Run("ffmpeg", [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", "1", "-i", RealCorpus.Committed, "-t", "4",
            "-vf", "scale=1280:720:flags=bicubic,format=yuv420p", .. codec, "-b:v", rate, "-g", "50", "-an", file,
        ]);
        var result = await _analyzer.AnalyzeAsync(file);
        return result.Breakdown!;
    }
}
