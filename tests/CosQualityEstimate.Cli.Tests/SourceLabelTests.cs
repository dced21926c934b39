using System.Text.Json;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Every result says where it came from (issue 14 §1); a simulated one never gets a quality verdict.</summary>
public sealed class SourceLabelTests
{
    private static JobDetail Job(QualityEstimateSource source, string? raw, double score = 8.5) =>
        CosQualityEstimateModelFactory.JobDetail(
            jobId: "j0123456789abcdef",
            state: JobState.Success,
            rawState: "Success",
            input: CosQualityEstimateModelFactory.JobInput("videos/a.mp4"),
            qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(
                score,
                CosQualityEstimateModelFactory.VqaPlusResult(false, false, [CosQualityEstimateModelFactory.DetailedResult(QualityIssueType.Blur, [CosQualityEstimateModelFactory.DetailedResultItem(90, 1, 2)], "Blur")]),
                null,
                source,
                raw));

    private static string Text(JobDetail job, QualityEstimateSource unmarked = QualityEstimateSource.Service)
    {
        using var writer = new StringWriter();
        JobText.WriteOutcome(writer, job, unmarked);
        return writer.ToString();
    }

    private static JsonElement Json(JobDetail job, QualityEstimateSource unmarked = QualityEstimateSource.Service) =>
        JsonDocument.Parse(JobJson.Write(w => JobJson.WriteJob(w, job, unmarked))).RootElement.Clone();

    [Fact]
    public void Simulated_result_line_says_SIMULATED_and_gives_no_verdict()
    {
        var text = Text(Job(QualityEstimateSource.Simulated, "simulated"));
        var first = text.Split('\n')[0];

        Assert.StartsWith("videos/a.mp4: SIMULATED score 8.5 / 10", first, StringComparison.Ordinal);
        Assert.DoesNotContain("good quality", text, StringComparison.Ordinal);
        Assert.DoesNotContain("good-quality bar", text, StringComparison.Ordinal);
        Assert.Contains("vqaPlus (simulated):", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_result_keeps_its_verdict_and_no_label()
    {
        var text = Text(Job(QualityEstimateSource.Service, null));

        Assert.StartsWith("videos/a.mp4: score 8.5 / 10, good quality (job j0123456789abcdef)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SIMULATED", text, StringComparison.Ordinal);
        Assert.Equal("service", Json(Job(QualityEstimateSource.Service, null)).GetProperty("source").GetString());
        Assert.True(Json(Job(QualityEstimateSource.Service, null)).GetProperty("good").GetBoolean());
    }

    [Fact]
    public void Local_analysis_result_says_it_is_a_local_heuristic()
    {
        var text = Text(Job(QualityEstimateSource.LocalAnalysis, "local-analysis", 4.0));

        Assert.StartsWith("videos/a.mp4: LOCAL-ANALYSIS score 4.0 / 10, below the good-quality bar of 6 by local heuristic analysis", text, StringComparison.Ordinal);
        var json = Json(Job(QualityEstimateSource.LocalAnalysis, "local-analysis", 4.0));
        Assert.Equal("local-analysis", json.GetProperty("source").GetString());
        Assert.False(json.GetProperty("good").GetBoolean());
    }

    [Fact]
    public void Simulated_json_has_source_simulated_and_no_good_flag()
    {
        var json = Json(Job(QualityEstimateSource.Simulated, "simulated"));

        Assert.Equal("simulated", json.GetProperty("source").GetString());
        Assert.Equal(8.5, json.GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("good").ValueKind);
    }

    [Fact]
    public void Unknown_marker_is_labelled_and_gets_no_verdict()
    {
        var job = Job(QualityEstimateSource.Unknown, "oracle\u001b[31m");
        var text = Text(job);

        Assert.Contains("UNKNOWN-SOURCE score 8.5 / 10 (marked \"oracle?[31m\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("good quality", text, StringComparison.Ordinal);
        Assert.Equal("unknown", Json(job).GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, Json(job).GetProperty("good").ValueKind);
    }

    [Fact]
    public void Unmarked_result_of_the_embedded_emulator_is_simulated()
    {
        var job = Job(QualityEstimateSource.Service, null);

        Assert.Contains("SIMULATED", Text(job, QualityEstimateSource.Simulated), StringComparison.Ordinal);
        Assert.Equal("simulated", Json(job, QualityEstimateSource.Simulated).GetProperty("source").GetString());

        // A marker wins over the fallback: an emulator that analysed the bytes says so.
        var local = Job(QualityEstimateSource.LocalAnalysis, "local-analysis");
        Assert.Equal("local-analysis", Json(local, QualityEstimateSource.Simulated).GetProperty("source").GetString());
    }

    [Fact]
    public void Job_without_a_result_has_a_null_source()
    {
        var job = CosQualityEstimateModelFactory.JobDetail(jobId: "j1", state: JobState.Running, rawState: "Running");

        Assert.Equal(JsonValueKind.Null, Json(job).GetProperty("source").ValueKind);
        Assert.DoesNotContain("SIMULATED", JobText.Line(job, QualityEstimateSource.Simulated), StringComparison.Ordinal);
    }

    [Fact]
    public void List_line_tags_a_simulated_result()
    {
        Assert.EndsWith("videos/a.mp4  SIMULATED", JobText.Line(Job(QualityEstimateSource.Simulated, "simulated"), QualityEstimateSource.Service), StringComparison.Ordinal);
        Assert.EndsWith("videos/a.mp4", JobText.Line(Job(QualityEstimateSource.Service, null), QualityEstimateSource.Service), StringComparison.Ordinal);
    }
}
