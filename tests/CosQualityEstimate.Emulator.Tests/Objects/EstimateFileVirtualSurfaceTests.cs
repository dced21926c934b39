using System.Collections.Concurrent;
using System.Diagnostics;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Emulator.Tests.Objects;

/// <summary>
/// <see cref="JobsClient.EstimateFileQualityAsync"/> against the emulator: it uploads, submits and waits through
/// internal paths only (STYLE rule 13 — a subclass whose virtual submit/get/estimate methods throw still gets its
/// score), and the whole call is one <c>JobsClient.EstimateFileQuality</c> activity.
/// </summary>
public sealed class EstimateFileVirtualSurfaceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ActivitySource TestSource = new("CosQualityEstimate.Emulator.Tests.EstimateFile");

    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-estimate-file-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A client whose public virtual submit/get/list/estimate methods throw.</summary>
    private sealed class HostileClient(JobsClientOptions options) : JobsClient(options)
    {
        public List<string> VirtualCalls { get; } = new();

        public override Task<JobDetail> GetJobAsync(string jobId, CancellationToken cancellationToken = default) => Hostile<JobDetail>(nameof(GetJobAsync));

        public override Task<JobsPage> GetJobsPageAsync(ListJobsOptions? options, string? continuationToken = null, CancellationToken cancellationToken = default) => Hostile<JobsPage>(nameof(GetJobsPageAsync));

        public override Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) => Hostile<JobDetail>(nameof(SubmitQualityEstimateJobAsync));

        public override Task<QualityEstimateOperation> StartQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) => Hostile<QualityEstimateOperation>(nameof(StartQualityEstimateJobAsync));

        public override Task<QualityEstimateOutcome> EstimateQualityAsync(QualityEstimateJobRequest request, JobPollingOptions? polling = null, CancellationToken cancellationToken = default) => Hostile<QualityEstimateOutcome>(nameof(EstimateQualityAsync));

        public override Task<JobDetail> WaitForCompletionAsync(string jobId, JobPollingOptions? polling = null, CancellationToken cancellationToken = default) => Hostile<JobDetail>(nameof(WaitForCompletionAsync));

        private Task<T> Hostile<T>(string method)
        {
            lock (VirtualCalls)
            {
                VirtualCalls.Add(method);
            }

            throw new InvalidOperationException("plumbing called the public virtual " + method);
        }
    }

    [Fact]
    public async Task EstimateFileQuality_UploadsSubmitsAndWaitsThroughInternalPaths_AsOneCallActivity()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        // The uploaded file is not a video and the clock auto-advances: analysis off, the canned result is expected.
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time, RequireStoredObjects = true, LocalAnalysis = false });
        var client = new HostileClient(TestEmulator.AutoAdvanceClientOptions(emulator, time));
        var path = Path.Combine(_directory, "clip.mp4");
        await File.WriteAllBytesAsync(path, new byte[10_000]);

        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CosDiagnostics.Name || source == TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        QualityEstimateOutcome outcome;
        ActivityTraceId trace;
        ActivitySpanId testSpan;
        using (var parent = TestSource.StartActivity("test"))
        {
            Assert.NotNull(parent);
            (trace, testSpan) = (parent.TraceId, parent.SpanId);
            outcome = await client.EstimateFileQualityAsync(path);
        }

        Assert.Equal(JobState.Success, outcome.Job.State);
        Assert.Equal("uploads/clip.mp4", outcome.Job.Input?.ObjectKey);
        Assert.Equal(1, emulator.ObjectWriteCount);
        Assert.Equal(1, emulator.SubmittedJobCount);
        Assert.Empty(client.VirtualCalls);

        var ours = stopped.Where(a => a.TraceId == trace && a.Source.Name == CosDiagnostics.Name).ToList();
        var root = Assert.Single(ours, a => a.ParentSpanId == testSpan);
        Assert.Equal("JobsClient.EstimateFileQuality", root.OperationName);
        Assert.Equal(root, Assert.Single(ours, a => a.OperationName.StartsWith("JobsClient.", StringComparison.Ordinal)));
        Assert.Contains(ours, a => a.OperationName == "CosQualityEstimate.SubmitJob");
        Assert.Contains(ours, a => a.OperationName == "CosQualityEstimate.GetJob");
    }
}
