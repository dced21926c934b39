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
foreach (var line in EmulatorCommandLine.StartLines(emulator.Endpoint, emulator.Bucket, emulator.Region, emulator.Credential.SecretId, emulator.Credential.SecretKey, options.LocalAnalysis, keysGiven))
{
    Console.WriteLine(line);
}

await stop.Task.ConfigureAwait(false);
Console.WriteLine("Stopping.");
return 0;
