// QuickStart: submit a QualityEstimate job, wait for it, print the score and the vqaPlus findings.
//
//   dotnet run --project samples/QuickStart                 → in-process emulator on 127.0.0.1 (no account needed)
//   COS_SECRET_ID=… COS_SECRET_KEY=… COS_BUCKET=name-appid COS_REGION=ap-guangzhou \
//     dotnet run --project samples/QuickStart -- input/video.mp4   → the real service (costs money)
using CosQualityEstimate;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

var objectKey = args.Length > 0 ? args[0] : "input/demo.mp4";
var real = EnvironmentCosCredentialProvider.IsConfigured();

CosEmulator? emulator = null;
JobsClientOptions options;
if (real)
{
    Console.WriteLine($"Using the real service: bucket {Environment.GetEnvironmentVariable("COS_BUCKET")}, region {Environment.GetEnvironmentVariable("COS_REGION")}.");
    options = new JobsClientOptions
    {
        Bucket = Environment.GetEnvironmentVariable("COS_BUCKET"),
        Region = Environment.GetEnvironmentVariable("COS_REGION"),
        CredentialProvider = new EnvironmentCosCredentialProvider(),
        UseClientTokens = true,
    };
}
else
{
    emulator = await CosEmulator.StartAsync();
    Console.WriteLine($"No credentials configured (COS_SECRET_ID/COS_SECRET_KEY): using the embedded emulator at {emulator.Endpoint}.");
    options = new JobsClientOptions
    {
        Bucket = emulator.Bucket,
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        Credential = emulator.Credential,
        UseClientTokens = true,
    };
}

try
{
    var client = new JobsClient(options);
    var request = new QualityEstimateJobRequest(objectKey)
    {
        Mode = QualityEstimateMode.VqaPlus,
        UserData = "quickstart",
    };

    var operation = await client.StartQualityEstimateJobAsync(request);
    Console.WriteLine($"Submitted job {operation.Id} for {objectKey} (state {operation.LastKnownJob?.State}).");

    var outcome = await operation.WaitForCompletionAsync(new JobPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(10) });
    Console.WriteLine($"Job {outcome.JobId} succeeded: score {outcome.Score:0.0} / 10 ({(outcome.IsGoodQuality ? "good quality" : "below the good-quality bar of 6")}).");
    if (outcome.VqaPlus is { } vqa)
    {
        Console.WriteLine($"vqaPlus: no audio = {vqa.NoAudio}, no video = {vqa.NoVideo}, {vqa.DetailedResults.Count} kind(s) of problem found:");
        foreach (var finding in vqa.DetailedResults)
        {
            Console.WriteLine($"  {finding.RawType}: {finding.Items.Count} occurrence(s)");
            foreach (var item in finding.Items)
            {
                var area = item.AreaCoordSet.Count == 4 ? $" area ({item.AreaCoordSet[0]},{item.AreaCoordSet[1]})-({item.AreaCoordSet[2]},{item.AreaCoordSet[3]})" : string.Empty;
                Console.WriteLine($"    {item.StartTimeOffset:0.##}s-{item.EndTimeOffset:0.##}s confidence {item.Confidence?.ToString() ?? "n/a"}{area}");
            }
        }
    }

    return 0;
}
catch (JobFailedException ex)
{
    Console.Error.WriteLine($"Job {ex.JobId} did not succeed: {ex.Message}");
    return 2;
}
catch (CosServiceException ex)
{
    Console.Error.WriteLine($"The service refused the request: {ex.Message}");
    return 1;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
