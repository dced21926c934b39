using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The one place tests read the emulator's job table (so a rename of the wire types touches one file).</summary>
internal static class EmulatorJobs
{
    public sealed record Job(string JobId, string? Key, string? Bucket, string? Rotate, string? ClientToken);

    public static List<Job> Snapshot(CosEmulator emulator) =>
        emulator.GetJobsSnapshot()
            .Select(j => new Job(j.JobId, j.Input?.ObjectKey, j.Input?.BucketId, j.Settings?.RawRotate, j.ClientToken))
            .ToList();
}
