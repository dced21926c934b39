using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Xunit.Abstractions;

namespace CosQualityEstimate.Emulator.Tests.Resilience;

/// <summary>
/// 1,000 submits at concurrency 32 against the emulator with about 10% injected faults (503, 429, drops before and after
/// processing, on submits and on the reconciliation lists alike) and client tokens on. Runs on real time with millisecond
/// backoff; bounded by a 2-minute cancellation. The invariant is exact whatever the interleaving: every job in the
/// emulator belongs to exactly one call, and a call that did not get a job id has no job unless its exception says the
/// outcome is unknown.
/// </summary>
public class LoadTests
{
    private const int Calls = 1000;
    private const int Concurrency = 32;

    private readonly ITestOutputHelper _output;

    public LoadTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Submit_1000ConcurrentWithTenPercentFaults_NoJobDuplicatedOrLost()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.TimeProvider = TimeProvider.System);
        var faults = emu.Emulator.Faults;
        faults.Seed = 4242;
        faults.SetErrorRate(503, 0.04);
        faults.SetErrorRate(429, 0.01);
        faults.DropBeforeProcessingRate = 0.02;
        faults.DropAfterProcessingRate = 0.03;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var options = ResilienceHarness.Options(emu.Emulator.Endpoint, TimeProvider.System, useClientTokens: true, credential: emu.Emulator.Credential, retry: r =>
        {
            r.MaxRetries = 5;
            r.Delay = TimeSpan.FromMilliseconds(2);
            r.MaxDelay = TimeSpan.FromMilliseconds(20);
            r.UseJitter = true;
            r.ReconcileDelay = TimeSpan.FromMilliseconds(5);
            r.ReconcileAttempts = 3;
        });
        var client = new JobsClient(http, options);
        var outcomes = new ConcurrentDictionary<int, object>();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, Calls),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = bound.Token },
            async (i, ct) =>
            {
                var request = new QualityEstimateJobRequest(ObjectKey(i)) { ClientToken = Token(i) };
                try
                {
                    outcomes[i] = (await client.SubmitQualityEstimateJobAsync(request, ct)).JobId;
                }
                catch (Exception ex) when (ex is CosServiceException or HttpRequestException)
                {
                    outcomes[i] = ex;
                }
            });
        watch.Stop();

        var jobs = emu.Emulator.GetWireJobsSnapshot();
        var tokenOf = jobs.ToDictionary(j => j.JobId!, j => j.Operation!.UserData!);
        var jobsPerToken = jobs.GroupBy(j => j.Operation!.UserData!).ToDictionary(g => g.Key, g => g.Count());
        var successes = outcomes.Where(o => o.Value is string).ToList();
        var unknown = outcomes.Where(o => o.Value is SubmitOutcomeUnknownException).ToList();
        var otherFailures = outcomes.Where(o => o.Value is Exception and not SubmitOutcomeUnknownException).ToList();
        var unknownWithJob = unknown.Count(o => jobsPerToken.ContainsKey(Marker(o.Key)));

        var summary = string.Format(
            CultureInfo.InvariantCulture,
            "Load: {0} submits at concurrency {1} in {2:F1} s: {3} job ids, {4} outcome unknown ({5} of them with a job), {6} other typed failures; {7} faults injected; emulator jobs {8}",
            Calls, Concurrency, watch.Elapsed.TotalSeconds, successes.Count, unknown.Count, unknownWithJob, otherFailures.Count, faults.InjectedCount, jobs.Count);
        _output.WriteLine(summary);
        Console.WriteLine(summary);

        Assert.Equal(Calls, outcomes.Count);
        Assert.True(faults.InjectedCount >= 50, summary);

        // No duplicate: every token (one per call) is on at most one job.
        Assert.All(jobsPerToken, pair => Assert.Equal(1, pair.Value));

        // Every returned id is a distinct job created by that very call.
        Assert.Equal(successes.Count, successes.Select(o => (string)o.Value).Distinct().Count());
        Assert.All(successes, o => Assert.Equal(Marker(o.Key), tokenOf[(string)o.Value]));

        // No lost job: a call that did not return an id created none, unless it was told the outcome is unknown
        // (then the exception carries the token to find it by).
        Assert.All(otherFailures, o => Assert.False(jobsPerToken.ContainsKey(Marker(o.Key)), $"call {o.Key} failed with {o.Value} but created a job"));
        Assert.All(unknown, o => Assert.Equal(Token(o.Key), ((SubmitOutcomeUnknownException)o.Value).ClientToken));
        Assert.Equal(successes.Count + unknownWithJob, emu.Emulator.SubmittedJobCount);
        Assert.Equal(jobs.Count, emu.Emulator.SubmittedJobCount);
    }

    private static string ObjectKey(int i) => "load/" + i.ToString("D4", CultureInfo.InvariantCulture) + ".mp4";

    private static string Token(int i) => "load-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static string Marker(int i) => "cqe-token:" + Token(i);
}
