using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// The journal owns its findings format: a journal written by an earlier cosqe (format 1, Fixtures/journal-format1.db)
/// still exports and reports exactly as it did, and a new row carries where its result came from.
/// </summary>
public sealed class JournalFormatCompatibilityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CopyOfFormat1Journal()
    {
        var path = _dir.File("old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-format1.db"), path);
        return path;
    }

    [Fact]
    public async Task Export_of_a_format1_journal_keeps_every_field_it_had()
    {
        var journal = CopyOfFormat1Journal();
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-format1.export.jsonl"));

        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["export", "--journal", journal, "--format", "jsonl"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var actual = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // Every field the old export had, with the same value (new fields may be added next to them).
            using var before = JsonDocument.Parse(expected[i]);
            using var after = JsonDocument.Parse(actual[i]);
            foreach (var field in before.RootElement.EnumerateObject())
            {
                Assert.True(after.RootElement.TryGetProperty(field.Name, out var value), $"row {i} lost '{field.Name}'");
                Assert.Equal(field.Value.GetRawText(), value.GetRawText());
            }
        }
    }

    [Fact]
    public async Task Report_of_a_format1_journal_draws_its_findings()
    {
        var journal = CopyOfFormat1Journal();
        var html = _dir.File("old.html");

        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["report", "--journal", journal, "--out", html], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = await File.ReadAllTextAsync(html);
        Assert.Contains("LowEvaluation", text, StringComparison.Ordinal);
        Assert.Contains("QRCode", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format1_row_reads_its_findings_and_an_unknown_source()
    {
        using var journal = BatchJournal.Open(CopyOfFormat1Journal(), create: false);

        var rows = journal.ReadAll();

        var ep3 = rows.Single(r => r.Key == "videos/ep3.mp4").Result;
        Assert.Equal(1, ep3.Format);
        Assert.Equal(QualityEstimateSource.Unknown, ep3.Source);
        Assert.Equal("unknown", ep3.RawSource);
        Assert.Equal(["QRCode", "QRCode", "NoVoice", "HighLighting"], ep3.Findings.Select(f => f.Type));
        Assert.Equal([364, 344, 1004, 704], ep3.Findings[0].Area);
        Assert.Equal(JournalState.Rejected, rows.Single(r => r.Key.StartsWith("bad", StringComparison.Ordinal)).State);
    }

    public static TheoryData<QualityEstimateSource, string> Sources => new()
    {
        { QualityEstimateSource.Service, "service" },
        { QualityEstimateSource.LocalAnalysis, "local-analysis" },
        { QualityEstimateSource.Simulated, "simulated" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_finished_job_is_journaled_with_its_source_even_without_findings(QualityEstimateSource source, string name)
    {
        using var journal = BatchJournal.Open(_dir.File("new.db"), create: true);
        journal.UnmarkedSource = QualityEstimateSource.Service; // these results stand for the real service's answers
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4"), default);
        var rows = journal.ReadAll();
        var vqa = CosQualityEstimateModelFactory.VqaPlusResult(detailedResults: [CosQualityEstimateModelFactory.DetailedResult(QualityIssueType.Blur, [CosQualityEstimateModelFactory.DetailedResultItem(confidence: 80, startTimeOffset: 1.5, endTimeOffset: 2.5)])]);
        var withFindings = new QualityEstimate { Score = 7.5, VqaPlus = vqa, Source = source };
        var general = new QualityEstimate { Score = 6.0, Source = source };

        journal.RecordStates([(rows[0].Seq, Finished("j1", withFindings)), (rows[1].Seq, Finished("j2", general))]);

        var after = journal.ReadAll();
        Assert.All(after, r => Assert.Equal(source, r.Result.Source));
        Assert.All(after, r => Assert.Equal(name, r.Result.RawSource));
        Assert.All(after, r => Assert.Equal(JournalFindings.CurrentFormat, r.Result.Format));
        Assert.Equal("Blur", Assert.Single(after[0].Result.Findings).Type);
        Assert.Empty(after[1].Result.Findings);
        Assert.Contains($"\"source\":\"{name}\"", after[1].FindingsJson, StringComparison.Ordinal);
    }

    private static JobDetail Finished(string id, QualityEstimate estimate) =>
        new() { JobId = id, State = JobState.Success, RawState = "Success", QualityEstimate = estimate };
}
