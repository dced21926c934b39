using System.Runtime.InteropServices;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Emulator.Cli;
using Microsoft.Extensions.Logging;

if (EmulatorCommandLine.TryParse(args, out var options, out var help, out var keysGiven) is { } error)
{
    await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
    await Console.Error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
    return 2;
}

if (help)
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddFilter("CosQualityEstimate", LogLevel.Information));
options.LoggerFactory = loggerFactory;

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

await using var emulator = await CosEmulator.StartAsync(options).ConfigureAwait(false);
if (!keysGiven)
{
    Console.WriteLine($"SecretId:  {emulator.Credential.SecretId}");
    Console.WriteLine($"SecretKey: {emulator.Credential.SecretKey}");
}

Console.WriteLine($"Bucket: {emulator.Bucket}  Region: {emulator.Region}");
Console.WriteLine(options.LocalAnalysis
    ? "Local analysis: on (uploaded objects are analysed with ffmpeg when it is installed)"
    : "Local analysis: off (every result is simulated; --analysis analyses uploaded objects with ffmpeg)");
Console.WriteLine($"Listening on {emulator.Endpoint.GetLeftPart(UriPartial.Authority)}");
await stop.Task.ConfigureAwait(false);
Console.WriteLine("Stopping.");
return 0;
