using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The one place tests read the emulator's job table (so a rename of the wire types touches one file).</summary>
internal static class EmulatorJobs
{
    public sealed record Job(string JobId, string? Key, string? Bucket, string? Rotate, string? UserData);

    public static List<Job> Snapshot(CosEmulator emulator) =>
        emulator.GetJobsSnapshot()
            .Select(j => new Job(j.JobId ?? string.Empty, j.Input?.Object, j.Input?.BucketId, j.Operation?.QualityEstimateConfig?.Rotate, j.Operation?.UserData))
            .ToList();
}
