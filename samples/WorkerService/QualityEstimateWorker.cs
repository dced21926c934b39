using CosQualityEstimate;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Options;

namespace WorkerService;

/// <summary>Estimates the quality of the configured videos in parallel, logs the scores, then stops the host.</summary>
internal sealed class QualityEstimateWorker(
    JobsClient client,
    IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<QualityEstimateWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var keys = options.Value.ObjectKeys;
            logger.LogInformation("Estimating {Count} video(s) in bucket {Bucket} ({Region}) via {Endpoint}", keys.Length, client.Bucket, client.Region, client.Endpoint);
            var results = await Task.WhenAll(keys.Select(key => EstimateAsync(key, stoppingToken)));
            logger.LogInformation("Done: {Good} of {Count} video(s) reached the good-quality bar", results.Count(good => good), results.Length);
            Environment.ExitCode = 0;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Stopped before every job finished");
            Environment.ExitCode = 2;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Quality estimation failed");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<bool> EstimateAsync(string objectKey, CancellationToken cancellationToken)
    {
        var request = new QualityEstimateJobRequest(objectKey) { Mode = QualityEstimateMode.VqaPlus, UserData = "worker-sample" };
        var polling = new JobPollingOptions { InitialInterval = options.Value.PollInterval, Timeout = options.Value.WaitTimeout };
        try
        {
            var outcome = await client.EstimateQualityAsync(request, polling, cancellationToken);
            logger.LogInformation(
                "{ObjectKey}: job {JobId} scored {Score:0.0}/10 ({Verdict}), {Findings} kind(s) of problem found",
                objectKey,
                outcome.JobId,
                outcome.Score,
                outcome.IsGoodQuality ? "good quality" : "below the bar",
                outcome.VqaPlus?.DetailedResults.Count ?? 0);
            return outcome.IsGoodQuality;
        }
        catch (JobFailedException ex)
        {
            logger.LogWarning("{ObjectKey}: job {JobId} did not succeed: {Reason}", objectKey, ex.JobId, ex.Message);
            return false;
        }
    }
}
