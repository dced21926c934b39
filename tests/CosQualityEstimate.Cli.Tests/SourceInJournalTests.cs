using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Report;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The journal records each result's source; export carries it (a <c>source</c> column) and the report shows it.</summary>
public sealed class SourceInJournalTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JobDetail Job(string id, string key, double score, QualityEstimateSource source, string? raw, params string[] findingTypes) =>
        CosQualityEstimateModelFactory.JobDetail(
            jobId: id,
            state: JobState.Success,
            rawState: "Success",
            input: CosQualityEstimateModelFactory.JobInput(key),
            qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(
                score,
                CosQualityEstimateModelFactory.VqaPlusResult(false, false, findingTypes.Select(t => CosQualityEstimateModelFactory.DetailedResult(QualityIssueType.Unknown, [CosQualityEstimateModelFactory.DetailedResultItem(80, 1, 3), CosQualityEstimateModelFactory.DetailedResultItem(70, 5, 6)], t))),
                null,
                source,
                raw));

    private string Journal(params (string Key, JobDetail Job)[] rows)
    {
        var path = _dir.File("j.db");
        using var journal = BatchJournal.Open(path, create: true);
        journal.UnmarkedSource = QualityEstimateSource.Service; // these rows stand for the real service's answers
        journal.AddKeysAsync(rows.Select(r => r.Key).AsTestAsync(), CancellationToken.None).GetAwaiter().GetResult();
        var all = journal.ReadAll();
        journal.RecordStates(rows.Select(r => (all.Single(a => a.Key == r.Key).Seq, r.Job)).ToList());
        return path;
    }

    [Fact]
    public void Journal_stores_the_source_of_each_result()
    {
        var path = Journal(
            ("a.mp4", Job("j1", "a.mp4", 7, QualityEstimateSource.Service, null)),
            ("b.mp4", Job("j2", "b.mp4", 3, QualityEstimateSource.Simulated, "simulated")),
            ("c.mp4", Job("j3", "c.mp4", 9, QualityEstimateSource.LocalAnalysis, "local-analysis")));

        using var journal = BatchJournal.Open(path, create: false);
        Assert.Equal(["service", "simulated", "local-analysis"], journal.ReadAll().Select(r => r.Source));
    }

    [Fact]
    public async Task Export_has_a_source_column_and_field()
    {
        var path = Journal(
            ("a.mp4", Job("j1", "a.mp4", 7, QualityEstimateSource.Service, null)),
            ("b.mp4", Job("j2", "b.mp4", 3, QualityEstimateSource.Simulated, "simulated")));

        var csv = await CliRun.RunAsync(NoEnv, ["export", "--journal", path, "--format", "csv"]);
        var jsonl = await CliRun.RunAsync(NoEnv, ["export", "--journal", path, "--format", "jsonl"]);

        Assert.True(csv.ExitCode == 0, csv.ToString());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,jobId,state,score,code,message,source,mode,findingsMeasured", lines[0]);
        Assert.Equal("a.mp4,j1,Success,7,,,service,vqaPlus,true", lines[1]);
        Assert.Equal("b.mp4,j2,Success,3,,,simulated,vqaPlus,true", lines[2]);
        var rows = jsonl.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["service", "simulated"], rows.Select(r => r.GetProperty("source").GetString()));
    }

    [Fact]
    public void A_result_written_by_cosqe_1_0_without_findings_reads_unknown_and_a_row_without_a_result_reads_null()
    {
        var path = _dir.File("old.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO meta VALUES ('schema', '1');
                CREATE TABLE keys (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, client_token TEXT, token_time TEXT,
                  job_id TEXT, state TEXT, score REAL, code TEXT, message TEXT, findings TEXT, updated TEXT);
                INSERT INTO keys(key, job_id, state, score) VALUES ('old.mp4', 'j9', 'Success', 6.5);
                INSERT INTO keys(key) VALUES ('pending.mp4');
                """;
            command.ExecuteNonQuery();
        }

        using var journal = BatchJournal.Open(path, create: false);
        var rows = journal.ReadAll();
        Assert.Equal(2, rows.Count);
        // 1.0 did not record where a result came from (the emulator's were made up): never read as measured.
        Assert.Equal("unknown", rows[0].Source);
        Assert.Equal(6.5, rows[0].Score);
        Assert.Null(rows[1].Source);
    }

    [Fact]
    public void Report_shows_a_banner_the_source_per_row_and_findings_by_type()
    {
        var path = Journal(
            ("a.mp4", Job("j1", "a.mp4", 7, QualityEstimateSource.Service, null, "Blur")),
            ("b.mp4", Job("j2", "b.mp4", 3, QualityEstimateSource.Simulated, "simulated", "Blur", "QRCode")),
            ("c.mp4", Job("j3", "c.mp4", 9, QualityEstimateSource.LocalAnalysis, "local-analysis", "Noise")));
        using var journal = BatchJournal.Open(path, create: false);
        using var writer = new StringWriter();

        HtmlReport.Write(writer, journal.ReadAll(), "t", DateTimeOffset.UnixEpoch);
        var html = writer.ToString();

        Assert.Contains("<section id=\"source-banner\" role=\"alert\">", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"banner simulated\"><strong>SIMULATED:</strong> 1 of 3 result(s)", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"banner local\"><strong>LOCAL ANALYSIS:</strong> 1 of 3 result(s)", html, StringComparison.Ordinal);
        Assert.Contains("\"src\":\"simulated\"", html, StringComparison.Ordinal); // in "all videos"; it carries no verdict, so not in "worst"
        Assert.Contains("<td class=\"source source-service\">service</td>", html, StringComparison.Ordinal);
        Assert.Contains("\"src\":\"local-analysis\"", html, StringComparison.Ordinal);
        Assert.Contains("<th data-col=\"src\">Source</th>", html, StringComparison.Ordinal);

        // Findings by type: Blur in 2 videos (4 occurrences), QRCode and Noise in 1 each; Blur first.
        Assert.Contains("<svg id=\"findings-by-type\"", html, StringComparison.Ordinal);
        Assert.Contains("data-type=\"Blur\" data-videos=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>Blur: 2 video(s), 4 occurrence(s)</title>", html, StringComparison.Ordinal);
        Assert.Contains("data-type=\"QRCode\" data-videos=\"1\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("data-type=\"Blur\"", StringComparison.Ordinal) < html.IndexOf("data-type=\"Noise\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_counts_only_results_that_may_carry_a_verdict_in_mean_good_and_worst()
    {
        // SourceLabels.HasVerdict: service and local-analysis yes; simulated, unknown and a result stored without a source
        // (read as unknown) no.
        JournalRow Row(long seq, string key, double score, string? source) =>
            new(seq, key, null, null, "j" + seq, JournalState.Success, score, null, null,
                source is null ? null : "{\"format\":2,\"source\":\"" + source + "\",\"findings\":[]}");
        var rows = new[]
        {
            Row(1, "service.mp4", 8, "service"),
            Row(2, "local.mp4", 6, "local-analysis"),
            Row(3, "simulated.mp4", 1, "simulated"),
            Row(4, "unknown.mp4", 2, "unknown"),
            Row(5, "nosource.mp4", 3, null),
        };
        Assert.Equal(new[] { "service", "local-analysis", "simulated", "unknown", "unknown" }, rows.Select(r => r.Source));
        Assert.Equal(new[] { true, true, false, false, false }, rows.Select(r => SourceLabels.HasVerdict(r.Source)));
        using var writer = new StringWriter();

        HtmlReport.Write(writer, rows, "t", DateTimeOffset.UnixEpoch);
        var html = writer.ToString();

        Assert.Contains("<div class=\"value\">7.00</div>", Card(html, "mean"), StringComparison.Ordinal); // (8 + 6) / 2
        Assert.Contains("<div class=\"value\">100%</div>", Card(html, "good"), StringComparison.Ordinal);
        Assert.Contains("3 without a verdict left out", Card(html, "good"), StringComparison.Ordinal);
        var worst = html[html.IndexOf("<section id=\"worst\">", StringComparison.Ordinal)..html.IndexOf("<section id=\"all\">", StringComparison.Ordinal)];
        Assert.Contains("local.mp4", worst, StringComparison.Ordinal);
        Assert.Contains("service.mp4", worst, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated.mp4", worst, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown.mp4", worst, StringComparison.Ordinal);
        Assert.DoesNotContain("nosource.mp4", worst, StringComparison.Ordinal);
        Assert.Contains("<strong>SIMULATED:</strong> 3 of 5", html, StringComparison.Ordinal);
    }

    private static string Card(string html, string id)
    {
        var start = html.IndexOf("id=\"card-" + id + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, id);
        return html[start..html.IndexOf("</div></div>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void Report_of_service_results_only_has_no_banner()
    {
        var path = Journal(("a.mp4", Job("j1", "a.mp4", 7, QualityEstimateSource.Service, null, "Blur")));
        using var journal = BatchJournal.Open(path, create: false);
        using var writer = new StringWriter();

        HtmlReport.Write(writer, journal.ReadAll(), "t", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("source-banner", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("Good (score ≥ 6)", writer.ToString(), StringComparison.Ordinal);
    }
}

internal static class AsyncEnumerableExtensions
{
    public static async IAsyncEnumerable<T> AsTestAsync<T>(this IEnumerable<T> values)
    {
        foreach (var value in values)
        {
            await Task.Yield();
            yield return value;
        }
    }
}
