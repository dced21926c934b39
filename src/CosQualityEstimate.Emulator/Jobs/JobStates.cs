namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>The job state names of the CI jobs API.</summary>
internal static class JobStates
{
    internal const string Submitted = "Submitted";
    internal const string Running = "Running";
    internal const string Success = "Success";
    internal const string Failed = "Failed";
    internal const string Pause = "Pause";
    internal const string Cancel = "Cancel";

    internal static readonly string[] All = { Submitted, Running, Success, Failed, Pause, Cancel };
}
