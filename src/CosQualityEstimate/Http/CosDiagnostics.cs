using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace CosQualityEstimate.Http;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>CosQualityEstimate</c> so that
/// OpenTelemetry picks them up with <c>AddSource("CosQualityEstimate")</c> / <c>AddMeter("CosQualityEstimate")</c>.
/// </summary>
public static class CosDiagnostics
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "CosQualityEstimate";

    private static readonly string Version =
        typeof(CosDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    /// <summary>
    /// Starts the one activity of a public call, named <c>JobsClient.&lt;Call&gt;</c> or <c>ObjectsClient.&lt;Call&gt;</c>;
    /// its HTTP attempts, polls and reconciliation look-ups become its children. Use it through <see cref="CosCallScope"/>,
    /// which also marks the activity failed.
    /// </summary>
    internal static Activity? StartCall(string name) => ActivitySource.StartActivity(name, ActivityKind.Internal);

    /// <summary>Marks <paramref name="activity"/> failed with a secret-free description; returns false so it can sit in an exception filter.</summary>
    internal static bool Fail(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, ResilienceRules.Describe(exception));
        return false;
    }

    /// <summary><c>cos.qe.request.duration</c>: duration of each HTTP attempt, seconds, tagged with operation and status.</summary>
    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("cos.qe.request.duration", "s", "Duration of each HTTP attempt to the CI jobs API.");

    /// <summary><c>cos.qe.retries</c>: attempts that were retried, tagged with operation and reason.</summary>
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("cos.qe.retries", "{retry}", "Attempts that were retried.");

    /// <summary><c>cos.qe.jobs.submitted</c>: QualityEstimate jobs the service accepted.</summary>
    internal static readonly Counter<long> JobsSubmitted = Meter.CreateCounter<long>("cos.qe.jobs.submitted", "{job}", "QualityEstimate jobs submitted.");

    /// <summary><c>cos.qe.jobs.completed</c>: jobs seen reaching a final state while waiting, tagged with the state.</summary>
    internal static readonly Counter<long> JobsCompleted = Meter.CreateCounter<long>("cos.qe.jobs.completed", "{job}", "Jobs observed in a final state, by state.");
}
