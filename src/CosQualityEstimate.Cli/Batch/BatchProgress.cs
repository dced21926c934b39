using System.Globalization;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>A progress snapshot: totals now, totals when the run started, elapsed time.</summary>
internal readonly record struct BatchProgress(JournalCounts Now, JournalCounts AtStart, TimeSpan Elapsed, bool NoWait)
{
    public string Format()
    {
        var done = Now.Succeeded + Now.Failed;
        var progressed = NoWait ? Now.Submitted - AtStart.Submitted : done - (AtStart.Succeeded + AtStart.Failed);
        var remaining = NoWait ? Now.Keys - Now.Submitted : Now.Pending;
        var rate = Elapsed.TotalSeconds > 0 ? progressed / Elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? FormatDuration(TimeSpan.FromSeconds(remaining / rate)) : "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{done}/{Now.Keys} done ({Now.Succeeded} succeeded, {Now.Failed} failed), {Now.Pending} pending, {Now.Submitted} submitted; {rate:0.0}/s, ETA {eta}");
    }

    private static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{Math.Ceiling(span.TotalSeconds):0}s";
}
