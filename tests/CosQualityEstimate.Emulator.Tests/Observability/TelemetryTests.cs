using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CosQualityEstimate.Http;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Emulator.Tests.Observability;

public class TelemetryTests
{
    [Fact]
    public async Task FullFlow_Listeners_SeeActivitiesAndEveryInstrument()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "CosQualityEstimate",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);

        var measurements = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CosDiagnostics.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        meterListener.Start();

        await using var emu = await TestEmulator.StartAsync();
        var client = emu.CreateClient();
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/telemetry.mp4"));
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", "0", "GET"));
        var done = await client.WaitForCompletionAsync(job.JobId);
        Assert.Equal(JobState.Success, done.State);

        Assert.Contains(activities, a => a.OperationName == "CosQualityEstimate.SubmitJob"
            && a.Kind == ActivityKind.Client
            && Equals(a.GetTagItem("http.response.status_code"), 200)
            && a.GetTagItem("cos.request_id") is string { Length: > 0 });
        Assert.Contains(activities, a => a.OperationName == "CosQualityEstimate.GetJob" && (string?)a.GetTagItem("url.path") == "/jobs/" + job.JobId);

        Assert.All(activities.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty).Append(a.StatusDescription ?? string.Empty)), value =>
        {
            Assert.DoesNotContain(emu.Emulator.Credential.SecretKey, value, StringComparison.Ordinal);
            Assert.DoesNotContain("q-signature", value, StringComparison.Ordinal);
        });

        var names = measurements.Select(m => m.Instrument).ToHashSet();
        Assert.Contains("cos.qe.request.duration", names);
        Assert.Contains("cos.qe.retries", names);
        Assert.Contains("cos.qe.jobs.submitted", names);
        Assert.Contains("cos.qe.jobs.completed", names);
        Assert.Contains(measurements, m => m.Instrument == "cos.qe.request.duration"
            && m.Tags.Contains(new KeyValuePair<string, object?>("http.response.status_code", 503)));
        Assert.Contains(measurements, m => m.Instrument == "cos.qe.retries"
            && m.Tags.Contains(new KeyValuePair<string, object?>("operation", "GetJob")));
        Assert.Contains(measurements, m => m.Instrument == "cos.qe.jobs.completed"
            && m.Tags.Contains(new KeyValuePair<string, object?>("state", "Success")));
    }
}
