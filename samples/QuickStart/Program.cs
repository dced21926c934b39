// QuickStart: submit a QualityEstimate job, wait for it, print the score and the vqaPlus findings.
//
//   dotnet run --project samples/QuickStart                 → uploads and estimates the real clip that ships with the
//                                                              sample (media/street-camera.mp4, 8 s of a street camera)
//                                                              on an in-process emulator on 127.0.0.1 (no account needed)
//   dotnet run --project samples/QuickStart -- path/to/local.mp4
//                                                            → uploads the local file (to uploads/<name>), then estimates it
//   dotnet run --project samples/QuickStart -- input/video.mp4
//                                                            → an object key already in the bucket (not a local file)
//   COS_SECRET_ID=… COS_SECRET_KEY=… COS_BUCKET=name-appid COS_REGION=ap-guangzhou \
//     dotnet run --project samples/QuickStart -- input/video.mp4   → the real service (costs money)
//
// Every result says where it came from (QualityEstimate.Source): the real service; "local-analysis" (the emulator, with
// ffmpeg installed, analysed the uploaded file's bytes: heuristics that approximate the service); or "SIMULATED" (the
// emulator made the numbers up from the object key: they say nothing about the video). The emulator package analyses
// uploads only when asked (CosEmulatorOptions.LocalAnalysis, off by default so that tests do not depend on ffmpeg);
// this sample asks.
using CosQualityEstimate;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;

// The sample's own clip (copied next to the program at build time; origin and licence in media/README.md).
var sampleClip = Path.Combine(AppContext.BaseDirectory, "media", "street-camera.mp4");
var objectKey = args.Length > 0 ? args[0] : sampleClip;
// An argument that names an existing local file is uploaded first; anything else is an object key already in the bucket.
var localFile = File.Exists(objectKey) ? objectKey : null;
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
    // LocalAnalysis: analyse the uploaded video with ffmpeg when it is installed (the emulator's default is off).
    emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { LocalAnalysis = true });
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
    using var client = new JobsClient(options);
    var polling = new JobPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(10) };
    QualityEstimateOutcome outcome;
    if (localFile is not null)
    {
        // Upload (skipped when the same content is already stored under the key), then submit and wait.
        var lastTenth = -1L;
        var progress = new Progress<UploadProgress>(p =>
        {
            var tenth = p.TotalBytes == 0 ? 10 : p.BytesTransferred * 10 / p.TotalBytes;
            if (tenth != lastTenth)
            {
                lastTenth = tenth;
                Console.WriteLine($"  uploaded {p.BytesTransferred} of {p.TotalBytes} bytes");
            }
        });
        var shown = args.Length == 0 ? "the sample clip media/street-camera.mp4 (8 s of a street camera, see media/README.md)" : localFile;
        Console.WriteLine($"Uploading {shown} to {options.UploadKeyPrefix}{Path.GetFileName(localFile)} (unless already there) and estimating it...");
        outcome = await client.EstimateFileQualityAsync(localFile, new FileQualityEstimateOptions
        {
            Mode = QualityEstimateMode.VqaPlus,
            ConfigureRequest = r => r.UserData = "quickstart",
            Polling = polling,
            UploadProgress = progress,
        });
        Console.WriteLine($"Job {outcome.JobId} on {outcome.Job.Input?.ObjectKey} succeeded: {Describe(outcome, emulator is not null)}");
    }
    else
    {
        var request = new QualityEstimateJobRequest(objectKey)
        {
            Mode = QualityEstimateMode.VqaPlus,
            UserData = "quickstart",
        };
        var operation = await client.StartQualityEstimateJobAsync(request);
        Console.WriteLine($"Submitted job {operation.Id} for {objectKey} (state {operation.LastKnownJob?.State}).");
        outcome = await operation.WaitForCompletionAsync(polling);
        Console.WriteLine($"Job {outcome.JobId} succeeded: {Describe(outcome, emulator is not null)}");
    }

    if (SourceOf(outcome, emulator is not null) == QualityEstimateSource.Simulated)
    {
        Console.WriteLine("These are SIMULATED results, not measured from any video. For real results offline, install ffmpeg");
        Console.WriteLine("(apt-get install ffmpeg | brew install ffmpeg | winget install ffmpeg) and run again, or pass a local video file:");
        Console.WriteLine("  dotnet run --project samples/QuickStart -- path/to/video.mp4      (or: cosqe analyze path/to/video.mp4)");
    }

    if (outcome.VqaPlus is { } vqa)
    {
        // The same yes/no style as cosqe; a colon only when a list follows it.
        var kinds = vqa.DetailedResults.Count;
        Console.WriteLine($"vqaPlus: no audio = {YesNo(vqa.NoAudio)}, no video = {YesNo(vqa.NoVideo)}, "
            + (kinds == 0 ? "no problem found" : $"{kinds} kind(s) of problem found:"));
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
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"Bad input: {ex.Message}");
    return 3;
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

// The emulator marks its results (simulated or local-analysis); an unmarked result from the embedded emulator is
// still not the real service's, so it counts as simulated.
static QualityEstimateSource SourceOf(QualityEstimateOutcome outcome, bool emulated) =>
    outcome.Job.QualityEstimate is { } result && (result.RawSource is not null || !emulated) ? result.Source : QualityEstimateSource.Simulated;

// One line: the score with its source; a verdict only for a measured result.
static string Describe(QualityEstimateOutcome outcome, bool emulated) => SourceOf(outcome, emulated) switch
{
    QualityEstimateSource.Service =>
        $"score {outcome.Score:0.0} / 10 ({(outcome.IsGoodQuality ? "good quality" : "below the good-quality bar of 6")}); source: the service.",
    QualityEstimateSource.LocalAnalysis =>
        $"LOCAL-ANALYSIS score {outcome.Score:0.0} / 10 ({(outcome.IsGoodQuality ? "good quality" : "below the good-quality bar of 6")} by local heuristic analysis with ffmpeg; it approximates, and does not reproduce, the service).",
    QualityEstimateSource.Simulated =>
        $"SIMULATED score {outcome.Score:0.0} / 10 (made up by the emulator from the object key, not measured from the video; no verdict).",
    _ =>
        $"score {outcome.Score:0.0} / 10 from an unknown source \"{outcome.Job.QualityEstimate?.RawSource}\" (not the service; no verdict).",
};

// The flags as cosqe prints them.
static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "n/a" };
