using System.Reflection;
using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// One type (<see cref="SourceLabels"/>) decides a result's label, text tag and whether it may carry a verdict; the wire
/// names are the library's (<see cref="QualityEstimateSourceNames"/>); nothing assumes an unmarked result is the service's.
/// </summary>
public sealed class SourceLabelRuleTests
{
    public static TheoryData<QualityEstimateSource, string, string, bool> Sources => new()
    {
        { QualityEstimateSource.Service, "service", "SERVICE", true },
        { QualityEstimateSource.LocalAnalysis, "local-analysis", "LOCAL-ANALYSIS", true },
        { QualityEstimateSource.Simulated, "simulated", "SIMULATED", false },
        { QualityEstimateSource.Unknown, "unknown", "UNKNOWN-SOURCE", false },
    };

    private static JobDetail Job(QualityEstimateSource source, string? raw) =>
        CosQualityEstimateModelFactory.JobDetail(
            "j1",
            state: JobState.Success,
            rawState: "Success",
            input: CosQualityEstimateModelFactory.JobInput("v.mp4"),
            qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(8.0, null, null, source, raw));

    [Theory]
    [MemberData(nameof(Sources))]
    public void Name_tag_and_verdict_come_from_one_table_and_every_output_agrees(QualityEstimateSource source, string name, string tag, bool verdict)
    {
        Assert.Equal(name, SourceLabels.Name(source));
        Assert.Equal(tag, SourceLabels.Tag(source));
        Assert.Equal(verdict, SourceLabels.HasVerdict(source));
        Assert.Equal(verdict, SourceLabels.HasVerdict(name));
        Assert.Equal(source, SourceLabels.Parse(name));

        var raw = source == QualityEstimateSource.Service ? null : name;
        var job = Job(source, raw);
        var json = JsonDocument.Parse(JobJson.Write(w => JobJson.WriteJob(w, job, QualityEstimateSource.Service))).RootElement;
        Assert.Equal(name, json.GetProperty("source").GetString());
        Assert.Equal(verdict, json.TryGetProperty("good", out var good) && good.ValueKind == JsonValueKind.True);
        Assert.Equal(name, JournalFindings.Read(JournalFindings.Write(job.QualityEstimate, QualityEstimateSource.Service)).RawSource);
        var line = JobText.Line(job, QualityEstimateSource.Service);
        Assert.Equal(SourceLabels.IsTagged(source), line.EndsWith("  " + tag, StringComparison.Ordinal));
    }

    [Fact]
    public void The_wire_names_are_the_librarys()
    {
        Assert.Equal(QualityEstimateSourceNames.Service, SourceLabels.Service);
        Assert.Equal(QualityEstimateSourceNames.LocalAnalysis, SourceLabels.LocalAnalysis);
        Assert.Equal(QualityEstimateSourceNames.Simulated, SourceLabels.Simulated);
        Assert.Equal(["local-analysis", "service", "simulated"], typeof(QualityEstimateSourceNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(QualityEstimateSource.Service)]
    [InlineData(QualityEstimateSource.Simulated)]
    [InlineData(QualityEstimateSource.Unknown)]
    public void An_unmarked_result_is_what_the_caller_says(QualityEstimateSource unmarked)
    {
        var job = Job(QualityEstimateSource.Service, null);

        Assert.Equal(unmarked, SourceLabels.Of(job, unmarked));
        Assert.Equal(SourceLabels.Name(unmarked), JournalFindings.Read(JournalFindings.Write(job.QualityEstimate, unmarked)).RawSource);
    }

    [Fact]
    public void A_marked_result_keeps_its_marker_whatever_the_caller_says_of_unmarked_ones()
    {
        Assert.Equal(QualityEstimateSource.Simulated, SourceLabels.Of(Job(QualityEstimateSource.Simulated, "simulated"), QualityEstimateSource.Service));
        Assert.Equal("future-model", SourceLabels.StoredName(QualityEstimateSource.Unknown, "future-model"));
        Assert.False(SourceLabels.HasVerdict("future-model"));
        Assert.False(SourceLabels.HasVerdict((string?)null));
    }

    [Fact]
    public async Task A_journal_that_was_not_told_records_unmarked_results_as_unknown_never_as_service()
    {
        using var dir = new TempDir();
        using var journal = BatchJournal.Open(dir.File("j.db"), create: true);
        await journal.AddKeysAsync(new[] { "v.mp4" }.AsTestAsync(), CancellationToken.None);
        journal.RecordStates([(journal.ReadAll()[0].Seq, Job(QualityEstimateSource.Service, null))]);

        Assert.Equal("unknown", journal.ReadAll()[0].Source);
    }

    [Fact]
    public void No_parameter_of_the_cli_gives_a_source_a_default()
    {
        var defaults = typeof(SourceLabels).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly).Cast<MethodBase>().Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)))
            .SelectMany(m => m.GetParameters().Select(p => (Method: m, Parameter: p)))
            .Where(x => x.Parameter.ParameterType == typeof(QualityEstimateSource) && x.Parameter.HasDefaultValue)
            .Select(x => $"{x.Method.DeclaringType?.Name}.{x.Method.Name}({x.Parameter.Name})")
            .ToList();

        Assert.Empty(defaults);
    }
}
