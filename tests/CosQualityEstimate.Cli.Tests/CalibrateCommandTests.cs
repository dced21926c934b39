using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe calibrate</c> against a synthetic "service": the service's score is a known monotone transform of the local
/// score plus noise. Keys pair by path (object key without --prefix = the end of the analysed file's path); the fitted
/// calibration improves the agreement and is what <c>cosqe analyze --calibration</c> reads.
/// </summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Calibrate_fits_a_monotone_map_that_agrees_better_with_the_service()
    {
        var (service, local) = Journals(120, prefix: "catalog/");

        var result = await CliRun.RunAsync(NoEnv, ["calibrate", "--service", service, "--local", local, "--prefix", "catalog/", "--out", _dir.File("cal.json"), "-o", "json"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(120, json.RootElement.GetProperty("pairs").GetInt32());
        var before = json.RootElement.GetProperty("before");
        var after = json.RootElement.GetProperty("after");
        Assert.True(after.GetProperty("meanAbsoluteError").GetDouble() < before.GetProperty("meanAbsoluteError").GetDouble() / 2, result.Out);
        Assert.True(after.GetProperty("decisionAccuracy").GetDouble() > before.GetProperty("decisionAccuracy").GetDouble(), result.Out);
        var calibration = LocalScoreCalibration.Parse(File.ReadAllText(_dir.File("cal.json")));
        Assert.InRange(calibration.Apply(5), Service(5) - 0.6, Service(5) + 0.6);
    }

    [Fact]
    public async Task Calibrate_without_the_prefix_pairs_nothing_and_says_so()
    {
        var (service, local) = Journals(20, prefix: "catalog/");

        var result = await CliRun.RunAsync(NoEnv, ["calibrate", "--service", service, "--local", local, "--prefix", "other/", "--out", _dir.File("cal.json")], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--prefix", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_refuses_a_calibration_file_that_is_not_one()
    {
        File.WriteAllText(_dir.File("bad.json"), "{\"kind\":\"something else\"}");
        File.WriteAllBytes(_dir.File("a.mp4"), [0]);

        var result = await CliRun.RunAsync(NoEnv, ["analyze", _dir.File("a.mp4"), "--calibration", _dir.File("bad.json")], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid --calibration", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The synthetic service: a logistic curve of the local score (monotone), 0–10.</summary>
    private static double Service(double local) => 10 / (1 + Math.Exp(-1.2 * (local - 6.5)));

    private (string Service, string Local) Journals(int count, string prefix)
    {
        var random = new Random(22);
        var names = Enumerable.Range(0, count).Select(i => $"videos/part{i % 3}/clip{i:000}.mp4").ToList();
        var local = names.ToDictionary(n => n, _ => Math.Round(random.NextDouble() * 10, 1));

        var servicePath = _dir.File("batch.db");
        using (var journal = BatchJournal.Open(servicePath, create: true, _clock))
        {
            journal.UnmarkedSource = QualityEstimateSource.Service;
            journal.AddKeysAsync(names.Select(n => prefix + n).AsTestAsync(), CancellationToken.None).GetAwaiter().GetResult();
            var rows = journal.File.ReadAll();
            journal.RecordStates(rows.Select(r =>
            {
                var noisy = Math.Round(Math.Clamp(Service(local[r.Key[prefix.Length..]]) + (0.4 * (random.NextDouble() - 0.5)), 0, 10), 1);
                return (r.Seq, Finished(r.Key, noisy, QualityEstimateSource.Service, null, "j-" + r.Seq));
            }).ToList());
        }

        var localPath = _dir.File("analyze.db");
        using (var journal = AnalysisJournal.Open(localPath, _clock))
        {
            journal.AddFiles(names.Select(n => new CatalogFile("/data/library", n)).ToList());
            var rows = journal.ReadAll();
            journal.RecordStates(rows.Select(r => (r.Seq, Finished(r.Key, local[r.Key], QualityEstimateSource.LocalAnalysis, QualityEstimateSourceNames.LocalAnalysis, string.Empty))).ToList());
        }

        return (servicePath, localPath);
    }

    private static JobDetail Finished(string key, double score, QualityEstimateSource source, string? raw, string jobId) =>
        CosQualityEstimateModelFactory.JobDetail(
            jobId,
            state: JobState.Success,
            rawState: "Success",
            input: CosQualityEstimateModelFactory.JobInput(key),
            qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(score, null, null, source, raw));
}
