using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A submit stopped while its request was on the wire may have created a job: the CLI says so, naming the key it read from
/// the library's typed record (<see cref="CosFailureInfo.ObjectKey"/>), not from <see cref="Exception.Data"/>.
/// </summary>
public sealed class InFlightSubmitReportTests
{
    [Fact]
    public async Task A_submit_stopped_mid_request_is_reported_with_its_key_and_how_to_look_it_up()
    {
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions());
        var handler = new HangingHandler();
        using var http = new HttpClient(handler);
        using var client = new JobsClient(http, new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential, UseClientTokens = true });
        using var stop = new CancellationTokenSource();

        var call = client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4"), stop.Token);
        await handler.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        using var error = new StringWriter();
        var host = new CliHost { Out = TextWriter.Null, Error = error, GetEnvironmentVariable = _ => null, Interrupt = stop.Token };
        var code = await CommandActions.ReportAsync(host, stopped, verbose: false);

        Assert.Equal("in/a.mp4", CosFailureInfo.From(stopped)?.ObjectKey);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("cosqe: the submit for in/a.mp4 was stopped mid-request and may have created a job; look before resubmitting: cosqe list --key in/a.mp4", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task A_cancellation_the_library_recorded_nothing_on_gets_no_in_flight_line()
    {
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var host = new CliHost { Out = TextWriter.Null, Error = error, GetEnvironmentVariable = _ => null, Interrupt = stop.Token };

        await CommandActions.ReportAsync(host, new OperationCanceledException(stop.Token), verbose: false);

        Assert.DoesNotContain("mid-request", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Signals when a request arrives and never answers: the attempt stays in flight until cancelled.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Requests { get; private set; }

        public Task Arrived => _arrived.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            _arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
