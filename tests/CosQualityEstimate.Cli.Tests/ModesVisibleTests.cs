using System.Text.Json;
using CosQualityEstimate.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Every result says the job's mode; a general (score-only) result says its findings were not measured — in text, JSON,
/// export, report and the batch summaries — and never reads as "no findings" (issue 24).
/// </summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class ModesVisibleTests : IAsyncLifetime
{
    private const string ScoreOnly = "score only — findings not measured";
    private readonly TempDir _dir = new();
    private readonly QuiescentClock _clock = QuiescentClock.StartingNow();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync(_clock);

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
        _clock.Dispose();
    }

    private Task<CliResult> Run(params string[] args) =>
        _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), args, directory: _dir.Path, time: _clock));

    [Fact]
    public async Task A_general_estimate_says_score_only_in_text_and_findingsMeasured_false_in_json()
    {
        var text = await Run("estimate", "input/a.mp4", "--mode", "general", "--poll-interval", "20ms");
        var json = await Run("estimate", "input/b.mp4", "--mode", "general", "--poll-interval", "20ms", "-o", "json");
        var plus = await Run("estimate", "input/c.mp4", "--mode", "vqaPlus", "--poll-interval", "20ms", "-o", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"  general: {ScoreOnly}", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("no findings", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("0 kind(s)", text.Out, StringComparison.Ordinal);
        var job = JsonDocument.Parse(json.Out).RootElement[0];
        Assert.Equal("general", job.GetProperty("mode").GetString());
        Assert.False(job.GetProperty("findingsMeasured").GetBoolean());
        var vqa = JsonDocument.Parse(plus.Out).RootElement[0];
        Assert.Equal("vqaPlus", vqa.GetProperty("mode").GetString());
        Assert.True(vqa.GetProperty("findingsMeasured").GetBoolean());
    }

    [Fact]
    public async Task List_lines_carry_the_mode()
    {
        await Run("estimate", "input/g.mp4", "--mode", "general", "--poll-interval", "20ms");
        await Run("estimate", "input/v.mp4", "--mode", "vqaPlus", "--poll-interval", "20ms");

        var list = await Run("list");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"(?m)^j\w+  Success    general  +\d+\.\d  input/g\.mp4", list.Out);
        Assert.Matches(@"(?m)^j\w+  Success    vqaPlus  +\d+\.\d  input/v\.mp4", list.Out);
    }

    [Fact]
    public async Task A_general_batch_says_so_in_its_summary_export_and_report()
    {
        File.WriteAllLines(_dir.File("keys.txt"), ["s/a.mp4", "s/b.mp4"]);
        var journal = _dir.File("g.db");

        var batch = await Run("batch", "--journal", journal, "--keys", _dir.File("keys.txt"), "--mode", "general", "--poll-interval", "20ms");
        var json = await Run("batch", "--journal", journal, "--mode", "general", "-o", "json");
        var csv = await Run("export", "--journal", journal, "--format", "csv");
        var jsonl = await Run("export", "--journal", journal, "--format", "jsonl");
        var report = await Run("report", "--journal", journal, "--out", _dir.File("g.html"));

        Assert.True(batch.ExitCode == 0, batch.ToString());
        Assert.Equal($"2 submitted, 2 succeeded, 0 failed, 0 pending; mode general: {ScoreOnly}", batch.Out.Trim());
        var summary = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("general", summary.GetProperty("mode").GetString());
        Assert.False(summary.GetProperty("findingsMeasured").GetBoolean());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,jobId,state,score,code,message,source,mode,findingsMeasured", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",simulated,general,false", l, StringComparison.Ordinal));
        Assert.All(jsonl.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l =>
        {
            var row = JsonDocument.Parse(l).RootElement;
            Assert.Equal("general", row.GetProperty("mode").GetString());
            Assert.False(row.GetProperty("findingsMeasured").GetBoolean());
        });
        Assert.True(report.ExitCode == 0, report.ToString());
        var html = File.ReadAllText(_dir.File("g.html"));
        Assert.Contains("<th data-col=\"md\">Mode</th>", html, StringComparison.Ordinal);
        Assert.Contains("\"md\":\"general\"", html, StringComparison.Ordinal);
        Assert.Contains("score only \\u2014 findings not measured", html, StringComparison.Ordinal); // what a general row's findings cell says
    }

    [Fact]
    public async Task A_server_side_batch_prints_its_id_name_and_mode_at_start_and_in_json()
    {
        await ServerSideBatchTests.UploadAsync(_emulator, _clock, _dir, ["show/ep1.mp4", "show/ep2.mp4"]);
        var journal = _dir.File("server.db");

        var result = await Run("batch", "--server-side", "--journal", journal, "--prefix", "show/", "--poll-interval", "20ms", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        var id = json.GetProperty("batchId").GetString()!;
        var name = json.GetProperty("batchName").GetString()!;
        Assert.False(string.IsNullOrEmpty(id));
        Assert.StartsWith("cosqe-", name, StringComparison.Ordinal);
        Assert.Equal("general", json.GetProperty("mode").GetString());
        Assert.False(json.GetProperty("findingsMeasured").GetBoolean());
        Assert.StartsWith($"batch {id} ({name}): mode general: {ScoreOnly}", result.ErrorLines[0], StringComparison.Ordinal);
        var csv = await Run("export", "--journal", journal, "--format", "csv");
        Assert.All(csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.EndsWith(",general,false", l, StringComparison.Ordinal));
    }
}
