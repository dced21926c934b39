namespace CosQualityEstimate.Emulator.Objects;

/// <summary>Which paths belong to the jobs API when the Host does not say (for example <c>127.0.0.1:port</c>).</summary>
internal static class ObjectRoutes
{
    /// <summary><c>/jobs</c> and <c>/jobs/&lt;id&gt;</c> (no further slash); every other path is an object or the bucket.</summary>
    internal static bool IsJobsPath(string trimmedPath) =>
        trimmedPath == "/jobs"
        || (trimmedPath.StartsWith("/jobs/", StringComparison.Ordinal) && trimmedPath.IndexOf('/', "/jobs/".Length) < 0);
}
