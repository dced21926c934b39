using Microsoft.Extensions.Hosting;

namespace CosQualityEstimate.Emulator.Hosting;

/// <summary>A host lifetime that does not hook Ctrl+C or SIGTERM: an in-process emulator must not stop its host process's signals.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
