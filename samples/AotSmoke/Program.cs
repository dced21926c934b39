// Native-AOT smoke test: submit + get against a running emulator, and parse an XML and a JSON callback.
// Usage: AotSmoke <endpoint>   (for example http://127.0.0.1:5080/, an emulator started with its default credential)
// Exit code 0 when every step did what it should; 1 otherwise. Prints the elapsed time from start to finish.
using System.Diagnostics;
using CosQualityEstimate;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;

var watch = Stopwatch.StartNew();
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var endpoint))
{
    Console.Error.WriteLine("usage: AotSmoke <emulator endpoint>");
    return 2;
}

try
{
    var client = new JobsClient(new JobsClientOptions
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-guangzhou",
        Endpoint = endpoint,
        // The emulator's documented default test credential (not a secret).
        Credential = new CosCredential("AKIDEMULATOR00000000000000000000", "emulatorSecretKey000000000000000"),
        UseClientTokens = true,
    });

    var submitted = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/aot.mp4") { Mode = QualityEstimateMode.VqaPlus });
    var read = await client.GetJobAsync(submitted.JobId);
    Check(read.JobId == submitted.JobId, "get returns the submitted job");
    Check(read.Tag == "QualityEstimate", "tag");

    var xml = JobCallback.Parse(
        "<Response><EventName>TaskFinish</EventName><JobsDetail><Code>Success</Code><JobId>j1</JobId><State>Success</State><Tag>QualityEstimate</Tag>"
        + "<Operation><QualityEstimate><Score>8.5</Score></QualityEstimate></Operation></JobsDetail></Response>",
        "application/xml");
    Check(xml.EventName == "TaskFinish" && xml.Jobs[0].State == JobState.Success && xml.Jobs[0].QualityEstimate?.Score == 8.5, "XML callback");

    var json = JobCallback.Parse("{\"EventName\":\"TaskFinish\",\"JobsDetail\":{\"JobId\":\"j2\",\"State\":\"Failed\",\"Code\":\"InvalidInput\",\"Tag\":\"QualityEstimate\"}}", "application/json");
    Check(json.Jobs[0].State == JobState.Failed && json.Jobs[0].Code == "InvalidInput", "JSON callback");

    try
    {
        await client.GetJobAsync("jnotthere0000000000000000000000000");
        Check(false, "unknown job must throw");
    }
    catch (JobNotFoundException)
    {
    }

    Console.WriteLine($"AotSmoke OK: job {submitted.JobId} {read.State}; elapsed {watch.Elapsed.TotalMilliseconds:F0} ms");
    return 0;
}
catch (CosException ex)
{
    Console.Error.WriteLine($"AotSmoke FAILED: {ex.GetType().Name}: {ex.Message}");
    return 1;
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("check failed: " + what);
    }
}
