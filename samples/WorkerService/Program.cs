// WorkerService: a generic-host worker that gets JobsClient from dependency injection, estimates a few videos and stops.
//
//   dotnet run --project samples/WorkerService      → no credentials configured: an in-process emulator on 127.0.0.1
//
// For the real service (costs money) configure the "CosQualityEstimate" section — Bucket, Region and the credential —
// in appsettings.json, user secrets or environment variables (CosQualityEstimate__Bucket=…, CosQualityEstimate__SecretId=…),
// or set COS_SECRET_ID / COS_SECRET_KEY; and list real object keys under "Worker:ObjectKeys".
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Emulator;
using WorkerService;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

var section = builder.Configuration.GetSection("CosQualityEstimate");
CosEmulator? emulator = null;
if (string.IsNullOrWhiteSpace(section["SecretId"]) && !EnvironmentCosCredentialProvider.IsConfigured())
{
    emulator = await CosEmulator.StartAsync();
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
builder.Services.Configure<WorkerOptions>(builder.Configuration.GetSection("Worker"));
builder.Services.AddHostedService<QualityEstimateWorker>();

try
{
    using var host = builder.Build();
    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkerService");
    if (emulator is not null)
    {
        logger.LogInformation("No credentials configured (CosQualityEstimate:SecretId or COS_SECRET_ID): using the in-process emulator at {Endpoint}", emulator.Endpoint);
    }
    else
    {
        logger.LogInformation("Using the configured service for bucket {Bucket}", section["Bucket"]);
    }

    await host.RunAsync();
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
