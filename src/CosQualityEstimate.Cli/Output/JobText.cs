using System.Globalization;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Output;

/// <summary>Human-readable lines for jobs.</summary>
internal static class JobText
{
    /// <summary>The good-quality bar as text prints it (<see cref="QualityEstimate.GoodQualityThreshold"/>, the library's one constant).</summary>
    public static readonly string GoodBar = QualityEstimate.GoodQualityThreshold.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Verdict(double score) =>
        score >= QualityEstimate.GoodQualityThreshold ? "good quality" : "below the good-quality bar of " + GoodBar;

    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>One summary line: job id, state, mode, score, key (and the source when the result is not the service's).</summary>
    public static string Line(JobDetail job, QualityEstimateSource unmarked) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.JobId}  {JobJson.StateName(job),-9}  {Sanitize(ModeLabels.Of(job) ?? "-"),-7}  {Score(job.QualityEstimate?.Score),4}  {Sanitize(job.Input?.ObjectKey ?? "-")}")
        + (job.QualityEstimate is not null && SourceLabels.Of(job, unmarked) is var source && SourceLabels.IsTagged(source) ? "  " + Tag(source) : string.Empty)
        + (job.Code is { Length: > 0 } code && job.State == JobState.Failed ? $"  [{Sanitize(code)}] {Sanitize(job.Message ?? string.Empty)}" : string.Empty);

    /// <summary>The short tag of a result's source (<see cref="SourceLabels.Tag"/>).</summary>
    public static string Tag(QualityEstimateSource source) => SourceLabels.Tag(source);

    /// <summary>
    /// The result line: score and verdict for a service result; for a local analysis the verdict says it is a local
    /// heuristic; a simulated (or unknown-source) result says so and gets no verdict at all.
    /// </summary>
    public static string ScoreLine(string key, QualityEstimate? result, QualityEstimateSource source, string? suffix)
    {
        var end = suffix is null ? string.Empty : $" ({suffix})";
        if (result?.Score is not { } score)
        {
            return !SourceLabels.IsTagged(source) ? $"{key}: no score{end}" : $"{key}: {Tag(source)}, no score{end}";
        }

        if (!SourceLabels.HasVerdict(source))
        {
            // Not measured (simulated) or not known to be: the source is named and no verdict is given.
            var why = source == QualityEstimateSource.Simulated
                ? "made up by the emulator, not measured from the video; no verdict"
                : $"marked \"{Sanitize(result.RawSource ?? string.Empty)}\", not the service; no verdict";
            return string.Create(CultureInfo.InvariantCulture, $"{key}: {Tag(source)} score {score:0.0} / 10 ({why}){end}");
        }

        return SourceLabels.IsTagged(source)
            ? string.Create(CultureInfo.InvariantCulture, $"{key}: {Tag(source)} score {score:0.0} / 10, {Verdict(score)} by local heuristic analysis (ffmpeg on this machine; approximates, does not reproduce, the service){end}")
            : string.Create(CultureInfo.InvariantCulture, $"{key}: score {score:0.0} / 10, {Verdict(score)}{end}");
    }

    /// <summary>The detailed block printed by estimate / wait: score, verdict (measured results only), source and findings.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="job">The finished job.</param>
    /// <param name="unmarked">The source of a result without a marker (<see cref="QualityEstimateSource.Simulated"/> for the embedded emulator).</param>
    public static void WriteOutcome(TextWriter output, JobDetail job, QualityEstimateSource unmarked)
    {
        var key = Sanitize(job.Input?.ObjectKey ?? "?");
        if (job.State != JobState.Success)
        {
            output.WriteLine($"{key}: job {job.JobId} {JobJson.StateName(job)}" + (job.Code is null ? string.Empty : $" [{Sanitize(job.Code)}] {Sanitize(job.Message ?? string.Empty)}"));
            return;
        }

        var source = SourceLabels.Of(job, unmarked);
        output.WriteLine(ScoreLine(key, job.QualityEstimate, source, $"job {job.JobId}"));
        WriteFindings(output, job.QualityEstimate, source, ModeLabels.Of(job));
    }

    /// <summary>The vqaPlus block under a result line (labelled when the findings are not the service's).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="result">The result.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="mode">The job's mode (<see cref="ModeLabels.Of"/>): a <c>general</c> result says its findings were not measured.</param>
    public static void WriteFindings(TextWriter output, QualityEstimate? result, QualityEstimateSource source, string? mode = null)
    {
        if (result is not null && result.VqaPlus is null && ModeLabels.FindingsMeasured(mode) == false)
        {
            output.WriteLine($"  {ModeLabels.General}: {ModeLabels.ScoreOnly}");
            return;
        }

        if (result?.VqaPlus is { } vqa)
        {
            var kinds = vqa.DetailedResults.Count;
            var label = !SourceLabels.IsTagged(source) ? "vqaPlus" : $"vqaPlus ({SourceLabels.Name(source)})";
            output.WriteLine($"  {label}: no audio = {Flag(vqa.NoAudio)}, no video = {Flag(vqa.NoVideo)}, {kinds} kind(s) of problem found");
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

    /// <summary>A message on one line: line breaks and tabs become single spaces.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
