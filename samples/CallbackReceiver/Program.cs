// Receives CI job callbacks (CallBack URL → POST /cos/callback), confirms them with the service and acts on the
// confirmed jobs only.
// SECURITY: the service does NOT sign callbacks; anyone who can reach this URL can post one. A callback is a hint:
// JobsClient.ConfirmCallbackAsync(callback) reads the jobs it names from the service (one GET), and only that answer
// is acted on.
//
//   dotnet run --project samples/CallbackReceiver [--urls http://0.0.0.0:5080]
//
// With no credentials configured (no "CosQualityEstimate:SecretId" and no COS_SECRET_ID/COS_SECRET_KEY) it starts the
// embedded emulator, points the client at it and submits one demo job whose callback comes back to this receiver.
// For the real service configure the "CosQualityEstimate" section (Bucket, Region, credential) in appsettings.json,
// user secrets or environment variables (CosQualityEstimate__Bucket=…), or set COS_SECRET_ID / COS_SECRET_KEY.
using System.Globalization;
using System.Text;
using CosQualityEstimate;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

// The parser refuses bodies over 4 MiB anyway; stop bigger ones at the socket.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024);

// The client is validated when the host starts (a missing credential stops it with a message naming the option),
// so without any credential the sample uses the embedded emulator instead.
var section = builder.Configuration.GetSection("CosQualityEstimate");
CosEmulator? emulator = null;
if (string.IsNullOrWhiteSpace(section["SecretId"]) && !EnvironmentCosCredentialProvider.IsConfigured())
{
    emulator = await CosEmulator.StartAsync();
    Console.WriteLine($"No credentials configured: using the embedded emulator at {emulator.Endpoint}.");
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["CosQualityEstimate:Bucket"] = emulator.Bucket,
        ["CosQualityEstimate:Region"] = emulator.Region,
        ["CosQualityEstimate:Endpoint"] = emulator.Endpoint.ToString(),
        ["CosQualityEstimate:SecretId"] = emulator.Credential.SecretId,
        ["CosQualityEstimate:SecretKey"] = emulator.Credential.SecretKey,
    });
}

builder.Services.AddCosQualityEstimate(builder.Configuration.GetSection("CosQualityEstimate"));
var app = builder.Build();

app.MapPost("/cos/callback", async (HttpRequest request, JobsClient jobs, CancellationToken cancellationToken) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync(cancellationToken);

    JobCallback callback;
    try
    {
        callback = JobCallback.Parse(body, request.ContentType);
    }
    catch (JobCallbackFormatException ex)
    {
        Console.WriteLine($"Rejected callback: {ex.Message}");
        return Results.Text("Unreadable callback body.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
    }

    Console.WriteLine($"Callback {callback.EventName} ({callback.Format}) names {callback.Jobs.Count} job(s): {string.Join(", ", callback.Jobs.Select(job => job.JobId))}");

    // Callbacks are unsigned: ask the service, and act on its answer only (never on callback.Jobs).
    JobsLookupResult confirmed;
    try
    {
        confirmed = await jobs.ConfirmCallbackAsync(callback, cancellationToken);
    }
    catch (CosException ex)
    {
        // The service could not be asked now: answer 500 so the sender may retry; nothing was acted on.
        Console.WriteLine($"Could not confirm the callback: {ex.Message}");
        return Results.StatusCode(StatusCodes.Status500InternalServerError);
    }

    foreach (var id in confirmed.NonExistentJobIds)
    {
        Console.WriteLine($"  Job {id}: unknown to the service; ignored.");
    }

    foreach (var job in confirmed.Jobs)
    {
        // The handler must be idempotent: the same callback may arrive more than once.
        var score = job.QualityEstimate?.Score?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";
        Console.WriteLine($"  Job {job.JobId} [{job.Tag}] confirmed State={job.State} Score={score} {job.Code} {job.Message}");
        if (job.State != JobState.Success)
        {
            continue;
        }

        foreach (var finding in job.QualityEstimate?.VqaPlus?.DetailedResults ?? [])
        {
            foreach (var item in finding.Items)
            {
                Console.WriteLine($"    {finding.RawType}: {item.StartTimeOffset}s-{item.EndTimeOffset}s confidence={item.Confidence} area=[{string.Join(',', item.AreaCoordSet)}]");
            }
        }
    }

    return Results.Ok();
});

if (emulator is not null)
{
    // Demo: one job on the emulator whose callback is posted back to this receiver once the job ends.
    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
    {
        try
        {
            var callbackUrl = new Uri(new Uri(app.Urls.First()), "/cos/callback");
            var client = app.Services.GetRequiredService<JobsClient>();
            var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4")
            {
                Mode = QualityEstimateMode.VqaPlus,
                CallbackUrl = callbackUrl.ToString(),
            });
            Console.WriteLine($"Demo: submitted job {job.JobId} on the emulator; its callback will be posted to {callbackUrl}.");
        }
        catch (Exception ex)
        {
            Console.WriteLine($"Demo submit failed: {ex.Message}");
        }
    }));
}

try
{
    await app.RunAsync();
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
