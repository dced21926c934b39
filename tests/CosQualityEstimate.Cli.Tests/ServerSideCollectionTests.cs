using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Collecting a server-side batch's jobs classifies each round's failure as the client-side batch's poller does
/// (<see cref="FailureTable"/>): a transient failure (5xx past the library's retries, a dropped connection) is asked again
/// by the next round instead of ending the run; a refusal stops it with exit 3 and a journal that keeps the batch and
/// every state collected so far (a rerun finishes it). Fake clock.
/// </summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class ServerSideCollectionTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly QuiescentClock _clock = QuiescentClock.StartingNow();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync(_clock);

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
        _clock.Dispose();
    }

    private string Journal => _dir.File("collect.db");

    private Task<CliResult> Batch(params string[] extra) =>
        _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--server-side", "--journal", Journal, "--poll-interval", "20ms", .. extra], directory: _dir.Path, time: _clock));

    [Fact]
    public async Task Transient_failures_while_collecting_are_asked_again_by_the_next_round()
    {
        await ServerSideBatchTests.UploadAsync(_emulator, _clock, _dir, ["t/a.mp4", "t/b.mp4", "t/c.mp4"]);
        var created = await Batch("--prefix", "t/", "--no-wait");
        Assert.True(created.ExitCode == 0, created.ToString());

        // More 503s than the library retries one call: whole collection rounds fail, and later rounds succeed.
        for (var i = 0; i < 12; i++)
        {
            _emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "GET"));
        }

        var collected = await Batch("--prefix", "t/");

        Assert.True(collected.ExitCode == 0, collected.ToString());
        Assert.Equal("3 submitted, 3 succeeded, 0 failed, 0 pending; mode general: score only — findings not measured", collected.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);
    }

    [Fact]
    public async Task A_refusal_while_collecting_exits_3_and_the_journal_keeps_the_batch_for_a_rerun()
    {
        await ServerSideBatchTests.UploadAsync(_emulator, _clock, _dir, ["r/a.mp4", "r/b.mp4"]);
        var created = await Batch("--prefix", "r/", "--no-wait");
        Assert.True(created.ExitCode == 0, created.ToString());
        _emulator.Faults.Enqueue(EmulatorFault.Status(403, "AccessDenied", methodFilter: "GET"));

        var refused = await Batch("--prefix", "r/");

        Assert.True(refused.ExitCode == ExitCodes.ServiceRefused, refused.ToString());
        using (var journal = BatchJournal.OpenServerSide(Journal, _clock))
        {
            Assert.NotNull(journal.ServerBatch!.Read()!.BatchId);
        }

        var rerun = await Batch("--prefix", "r/");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(1, _emulator.BatchCount);
        Assert.Equal(2, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Each_round_after_the_first_lists_from_the_last_page_on_not_the_whole_batch()
    {
        await ServerSideBatchTests.UploadAsync(_emulator, _clock, _dir, Enumerable.Range(0, 130).Select(i => $"many/{i:000}.mp4"));
        var created = await Batch("--prefix", "many/", "--no-wait");
        Assert.True(created.ExitCode == 0, created.ToString());
        var counting = new CountingHandler(_clock.NewInFlightHandler());
        using var http = new HttpClient(counting);
        using var client = new JobsClient(http, new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential, TimeProvider = _clock });
        using var store = BatchJournal.OpenServerSide(Journal, _clock);
        var runner = new ServerSideBatchRunner(client, store, store.ServerBatch!, new ServerSideBatchOptions { PollInterval = TimeSpan.FromMilliseconds(20) }, _clock);

        var result = await _clock.DriveAsync(runner.RunAsync(CancellationToken.None));

        Assert.Equal(130, result.Counts.Succeeded);
        var listings = counting.Requests.Where(r => r.AbsolutePath == "/jobs" && r.Query.Contains("inventoryTriggerJobId", StringComparison.Ordinal)).ToList();
        Assert.True(counting.Requests.Count(r => r.AbsolutePath.StartsWith("/inventorytriggerjob/", StringComparison.Ordinal)) > 1, "one round only: nothing to compare");
        Assert.Single(listings, r => !r.Query.Contains("nextToken", StringComparison.Ordinal)); // only the first round starts at page one
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<Uri> _requests = [];

        public List<Uri> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_requests)
            {
                _requests.Add(request.RequestUri!);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
