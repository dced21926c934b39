using System.Diagnostics;
using System.Reflection;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// The analyzer's <see cref="ActivitySource"/> (<see cref="LocalVideoAnalyzer.ActivitySourceName"/>): one activity,
/// <c>LocalVideoAnalyzer.Analyze</c>, per analysis, tagged with the file name, the media duration, the elapsed time and
/// the number of findings, and marked Error (with the failure kind and a secret-free message) when the analysis fails.
/// </summary>
internal static class LocalAnalysisDiagnostics
{
    /// <summary>The activity's name.</summary>
    public const string AnalyzeActivityName = "LocalVideoAnalyzer.Analyze";

    /// <summary>Tag: the analysed file's name (never its directory).</summary>
    public const string FileTag = "cosqe.analysis.file";

    /// <summary>Tag: the media's duration, seconds.</summary>
    public const string DurationTag = "cosqe.analysis.duration_s";

    /// <summary>Tag: the wall-clock time of the analysis, seconds.</summary>
    public const string ElapsedTag = "cosqe.analysis.elapsed_s";

    /// <summary>Tag: the number of findings (vqaPlus items).</summary>
    public const string FindingsTag = "cosqe.analysis.findings";

    /// <summary>Tag: the score.</summary>
    public const string ScoreTag = "cosqe.analysis.score";

    /// <summary>Tag: the <see cref="LocalAnalysisFailure"/> of a failed analysis (or <c>Canceled</c>).</summary>
    public const string ErrorTag = "error.type";

    private static readonly string Version =
        typeof(LocalAnalysisDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    internal static readonly ActivitySource ActivitySource = new(LocalVideoAnalyzer.ActivitySourceName, Version);

    /// <summary>Starts the activity of one analysis.</summary>
    internal static Activity? StartAnalyze(string fileName)
    {
        var activity = ActivitySource.StartActivity(AnalyzeActivityName, ActivityKind.Internal);
        activity?.SetTag(FileTag, fileName);
        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> failed; returns false so it can sit in an exception filter.</summary>
    internal static bool Fail(Activity? activity, Exception exception, TimeSpan elapsed)
    {
        if (activity is null)
        {
            return false;
        }

        activity.SetTag(ElapsedTag, elapsed.TotalSeconds);
        if (exception is OperationCanceledException)
        {
            activity.SetTag(ErrorTag, "Canceled");
            activity.SetStatus(ActivityStatusCode.Error, "canceled");
        }
        else
        {
            var failure = exception is LocalAnalysisException e ? e.Failure : LocalAnalysisFailure.AnalyzerFailure;
            activity.SetTag(ErrorTag, failure.ToString());
            activity.SetStatus(ActivityStatusCode.Error, failure + ": " + exception.Message);
        }

        return false;
    }
}
