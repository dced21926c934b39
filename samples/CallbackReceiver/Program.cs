// Receives CI job callbacks (CallBack URL → POST /cos/callback) and prints what they report.
// SECURITY: the service does NOT sign callbacks; anyone who can reach this URL can post one. Treat a callback as a
// hint only: in production, confirm it with JobsClient.ConfirmCallbackAsync(callback) (one GET for the jobs it names)
// before acting on a state or result.
// Run: dotnet run --project samples/CallbackReceiver [--urls http://0.0.0.0:5080]
using System.Globalization;
using System.Text;
using CosQualityEstimate;
using CosQualityEstimate.Models;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

// The parser refuses bodies over 4 MiB anyway; stop bigger ones at the socket.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
var app = builder.Build();

app.MapPost("/cos/callback", async (HttpRequest request, CancellationToken cancellationToken) =>
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

    Console.WriteLine($"Event {callback.EventName} ({callback.Format}), {callback.Jobs.Count} job(s)");
    foreach (var job in callback.Jobs)
    {
        var score = job.QualityEstimate?.Score?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";
        Console.WriteLine($"  Job {job.JobId} [{job.Tag}] State={job.State} ({job.RawState}) Score={score} {job.Code} {job.Message}");
        foreach (var finding in job.QualityEstimate?.VqaPlus?.DetailedResults ?? [])
        {
            foreach (var item in finding.Items)
            {
                Console.WriteLine($"    {finding.RawType}: {item.StartTimeOffset}s-{item.EndTimeOffset}s confidence={item.Confidence} area=[{string.Join(',', item.AreaCoordSet)}]");
            }
        }

    }

    // Production: var confirmed = await jobsClient.ConfirmCallbackAsync(callback, cancellationToken);
    // act on confirmed.Jobs (the service's own view), not on callback.Jobs.
    return Results.Ok();
});

app.Run();
