using System.Globalization;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Output;

/// <summary>Human-readable lines for jobs.</summary>
internal static class JobText
{
    public static string Verdict(double score) =>
        score >= QualityEstimate.GoodQualityThreshold ? "good quality" : "below the good-quality bar of 6";

    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>One summary line: job id, state, key, score.</summary>
    public static string Line(JobDetail job) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.JobId}  {JobJson.StateName(job),-9}  {Score(job.QualityEstimate?.Score),4}  {Sanitize(job.Input?.ObjectKey ?? "-")}")
        + (job.Code is { Length: > 0 } code && job.State == JobState.Failed ? $"  [{Sanitize(code)}] {Sanitize(job.Message ?? string.Empty)}" : string.Empty);

    /// <summary>The detailed block printed by estimate / wait: score, verdict and findings.</summary>
    public static void WriteOutcome(TextWriter output, JobDetail job)
    {
        var key = Sanitize(job.Input?.ObjectKey ?? "?");
        if (job.State != JobState.Success)
        {
            output.WriteLine($"{key}: job {job.JobId} {JobJson.StateName(job)}" + (job.Code is null ? string.Empty : $" [{Sanitize(job.Code)}] {Sanitize(job.Message ?? string.Empty)}"));
            return;
        }

        if (job.QualityEstimate?.Score is { } score)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}: score {score:0.0} / 10, {Verdict(score)} (job {job.JobId})"));
        }
        else
        {
            output.WriteLine($"{key}: no score (job {job.JobId})");
        }

        if (job.QualityEstimate?.VqaPlus is { } vqa)
        {
            var kinds = vqa.DetailedResults.Count;
            output.WriteLine($"  vqaPlus: no audio = {Flag(vqa.NoAudio)}, no video = {Flag(vqa.NoVideo)}, {kinds} kind(s) of problem found");
            foreach (var finding in vqa.DetailedResults)
            {
                output.WriteLine($"    {Sanitize(finding.RawType ?? finding.Type.ToString())}: {finding.Items.Count} occurrence(s)");
                foreach (var item in finding.Items)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {item.StartTimeOffset:0.##}s-{item.EndTimeOffset:0.##}s confidence {item.Confidence?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}"));
                }
            }
        }
    }

    private static string Flag(bool? value) => value switch { true => "yes", false => "no", null => "n/a" };

    /// <summary>Removes control characters (terminal escape injection) from untrusted text.</summary>
    public static string Sanitize(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return string.Concat(value.Select(ch => char.IsControl(ch) ? '?' : ch));
            }
        }

        return value;
    }
}
