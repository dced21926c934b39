using System.Collections.Concurrent;
using System.Diagnostics;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>Issue 17 §2: one activity and one log line per analysis, like the clients' calls.</summary>
[Collection(ClipsCollection.Name)]
public sealed class DiagnosticsTests(TestClips clips) : IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener = new();

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.ShouldListenTo = s => s.Name == LocalVideoAnalyzer.ActivitySourceName;
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _listener.ActivityStopped = a => _activities.Enqueue(a);
        ActivitySource.AddActivityListener(_listener);
    }

    private Activity ActivityFor(string fileName) =>
        Assert.Single(_activities, a => (string?)a.GetTagItem("cosqe.analysis.file") == fileName);

    [Fact]
    public async Task Analysis_is_one_activity_with_file_duration_time_and_findings_and_one_log_line()
    {
        Listen();
        var clip = Path.Combine(clips.Directory, "diagnostics-blur.mp4");
        File.Copy(clips.Get("blur"), clip, overwrite: true);
        using var logs = new FakeLoggerProvider();
        using var factory = new LoggerFactory([logs]);

        var result = await new LocalVideoAnalyzer(loggerFactory: factory).AnalyzeAsync(clip);

        var activity = ActivityFor("diagnostics-blur.mp4");
        Assert.Equal("LocalVideoAnalyzer.Analyze", activity.OperationName);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal(result.DurationSeconds, (double)activity.GetTagItem("cosqe.analysis.duration_s")!);
        Assert.True((double)activity.GetTagItem("cosqe.analysis.elapsed_s")! > 0);
        Assert.Equal(result.QualityEstimate.VqaPlus!.DetailedResults.Sum(r => r.Items.Count), (int)activity.GetTagItem("cosqe.analysis.findings")!);
        Assert.True((int)activity.GetTagItem("cosqe.analysis.findings")! > 0);
        var line = Assert.Single(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Information);
        Assert.StartsWith("Analysed diagnostics-blur.mp4: 8.0 s of media in ", line.Message, StringComparison.Ordinal);
        Assert.Equal("CosQualityEstimate.LocalAnalysis.LocalVideoAnalyzer", line.Category);
    }

    [Fact]
    public async Task Failed_analysis_marks_the_activity_Error_with_its_failure_kind_and_logs_a_warning()
    {
        Listen();
        var path = Path.Combine(clips.Directory, "diagnostics-text.mp4");
        await File.WriteAllTextAsync(path, "not a video");
        using var logs = new FakeLoggerProvider();
        using var factory = new LoggerFactory([logs]);

        await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer(loggerFactory: factory).AnalyzeAsync(path));

        var activity = ActivityFor("diagnostics-text.mp4");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("MediaUnreadable", activity.GetTagItem("error.type"));
        Assert.StartsWith("MediaUnreadable: ", activity.StatusDescription, StringComparison.Ordinal);
        var warning = Assert.Single(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("Local analysis of diagnostics-text.mp4 failed (MediaUnreadable, retryable: False)", warning.Message, StringComparison.Ordinal);
    }
}
