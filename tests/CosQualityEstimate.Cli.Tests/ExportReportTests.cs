using System.Text.Json;
using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>A finished journal with hostile keys, shared by the export and report tests.</summary>
public sealed class FinishedJournalFixture : IAsyncLifetime
{
    public static readonly string[] HostileKeys =
    [
        "<script>console.log('pwned-script')</script>.mp4",
        "<img src=x onerror=\"console.log('pwned-img')\">.mp4",
        "=HYPERLINK(\"http://evil\").mp4",
        "comma,and\"quote.mp4",
        "</script><script>console.log('pwned-break')</script>.mp4",
    ];

    private readonly TempDir _dir = new();

    public string Journal => _dir.File("finished.db");

    /// <summary>A copy of <see cref="Journal"/> whose results stand for the real service's answers, except the first five
    /// episodes' (still simulated): the report gives a verdict, a histogram bar and a place in "worst videos" only to
    /// results that may carry one (SourceLabels.HasVerdict), so its rendering is checked on these.</summary>
    public string MeasuredJournal => _dir.File("measured.db");

    public string Directory => _dir.Path;

    public int KeyCount { get; private set; }

    public async Task InitializeAsync()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();
        var keys = Enumerable.Range(1, 30).Select(i => $"season1/episode{i:00}.mp4").Concat(HostileKeys).ToArray();
        KeyCount = keys.Length;
        File.WriteAllLines(_dir.File("keys.txt"), keys);
        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["batch", "--journal", Journal, "--keys", _dir.File("keys.txt"), "--poll-interval", "20ms", "--mode", "vqaPlus"], directory: _dir.Path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("fixture batch failed: " + result);
        }

        File.Copy(Journal, MeasuredJournal);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={MeasuredJournal};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE keys SET findings = replace(findings, '"source":"simulated"', '"source":"service"')
            WHERE key NOT IN ('season1/episode01.mp4', 'season1/episode02.mp4', 'season1/episode03.mp4', 'season1/episode04.mp4', 'season1/episode05.mp4')
            """;
        if (command.ExecuteNonQuery() != KeyCount - 5)
        {
            throw new InvalidOperationException("fixture: the measured copy's sources were not rewritten");
        }
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ExportReportTests : IClassFixture<FinishedJournalFixture>
{
    private readonly FinishedJournalFixture _journal;

    public ExportReportTests(FinishedJournalFixture journal) => _journal = journal;

    private static readonly Dictionary<string, string?> NoEnv = new();

    [Fact]
    public async Task Export_csv_has_one_row_per_key_with_quoting_and_formula_guard()
    {
        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", _journal.Journal, "--format", "csv"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,jobId,state,score,code,message,source,mode,findingsMeasured", lines[0]);
        // The fixture batch ran against the emulator with analysis off: every result is simulated, and says so.
        Assert.All(lines.Skip(1), l => Assert.Matches(",simulated,vqaPlus,true$", l));
        Assert.Equal(_journal.KeyCount + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("\"comma,and\"\"quote.mp4\",j", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(",Success,", l));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    public async Task Export_json_and_jsonl_carry_the_findings(string format)
    {
        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", _journal.Journal, "--format", format]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = format == "json"
            ? JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList()
            : result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(_journal.KeyCount, rows.Count);
        foreach (var row in rows)
        {
            Assert.StartsWith("j", row.GetProperty("jobId").GetString());
            Assert.Equal("Success", row.GetProperty("state").GetString());
            Assert.InRange(row.GetProperty("score").GetDouble(), 0, 10);
            Assert.Equal(JsonValueKind.Array, row.GetProperty("findings").ValueKind);
            Assert.True(row.TryGetProperty("code", out _));
            Assert.True(row.TryGetProperty("message", out _));
        }

        Assert.Contains(rows, r => r.GetProperty("findings").GetArrayLength() > 0);
        Assert.Contains(rows, r => r.GetProperty("key").GetString() == FinishedJournalFixture.HostileKeys[0]);
        var finding = rows.SelectMany(r => r.GetProperty("findings").EnumerateArray()).First();
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("type").GetString()));
        Assert.True(finding.TryGetProperty("start", out _) && finding.TryGetProperty("end", out _) && finding.TryGetProperty("confidence", out _));
    }

    [Fact]
    public async Task Export_to_a_file()
    {
        var path = Path.Combine(_journal.Directory, "out.jsonl");

        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", _journal.Journal, "--format", "jsonl", "--out", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(_journal.KeyCount, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task Report_is_one_self_contained_file_with_everything_encoded()
    {
        var path = Path.Combine(_journal.Directory, "report.html");

        var result = await CliRun.RunAsync(NoEnv, ["report", "--journal", _journal.MeasuredJournal, "--out", path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Wrote {path}", result.Out.Trim());
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<svg id=\"histogram\"", html);
        Assert.Contains("id=\"worst\"", html);
        Assert.Contains("class=\"timeline\"", html);
        Assert.Contains("Content-Security-Policy", html);

        // Nothing from the network: no external URL is loaded.
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", html);
        Assert.DoesNotContain("@import", html);

        // Untrusted keys never appear raw: not as markup, and the embedded JSON cannot close its script element.
        Assert.DoesNotContain("<script>console.log", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("</script><script>console", html);
        Assert.Equal(2, CountOf(html, "<script"));
    }

    [Fact]
    public async Task Report_summary_counts_videos_and_failures()
    {
        var path = Path.Combine(_journal.Directory, "summary.html");
        await CliRun.RunAsync(NoEnv, ["report", "--journal", _journal.Journal, "--out", path, "--title", "Season <1>"]);
        var html = File.ReadAllText(path);

        Assert.Contains($"<div class=\"card\" id=\"card-videos\"><div class=\"value\">{_journal.KeyCount}</div>", html);
        Assert.Contains("<div class=\"card\" id=\"card-failed\"><div class=\"value\">0</div>", html);
        Assert.Contains("<title>Season &lt;1&gt;</title>", html);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
