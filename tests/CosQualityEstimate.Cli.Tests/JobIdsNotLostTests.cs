using System.Text;
using System.Text.Json;
using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Every job the service creates is reported the moment it exists, so an interrupt or a later failure never loses an id
/// (a rerun of estimate/submit would submit, and bill, the video again).
/// </summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class JobIdsNotLostTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private CosEmulator _emulator = null!;

    // Jobs stay pending for the whole test: the command is interrupted while waiting.
    public async Task InitializeAsync() => _emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { QueueDelay = TimeSpan.FromHours(1) });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Estimate_interrupted_after_the_submits_reports_every_created_job_and_how_to_follow_it(string output)
    {
        using var interrupt = new CancellationTokenSource();
        var stderr = new SignalingWriter("submitted ", count: 2);
        var run = RunAsync(["estimate", "a.mp4", "b.mp4", "-o", output, "--poll-interval", "50ms"], interrupt.Token, stderr);

        // Both jobs exist and their ids reached the CLI once it printed both (it prints each after the submit returned);
        // bounded so a CLI that never prints fails the test instead of hanging it.
        await stderr.Reached.WaitAsync(Bound);
        await interrupt.CancelAsync();
        var result = await run.WaitAsync(Bound);

        Assert.True(result.ExitCode == 130, result.ToString());
        var ids = _emulator.GetJobsSnapshot().Select(j => j.JobId).ToList();
        Assert.Equal(2, ids.Count);
        var jobs = EmulatorJobs.Snapshot(_emulator);
        foreach (var job in jobs)
        {
            Assert.Contains($"submitted {job.JobId} for {job.Key}", result.ErrorLines);
        }

        var hint = Assert.Single(result.ErrorLines, l => l.Contains("cosqe wait", StringComparison.Ordinal));
        Assert.EndsWith("cosqe wait " + string.Join(' ', jobs.Select(j => j.JobId)), hint, StringComparison.Ordinal);
        Assert.DoesNotContain("rerun the same command", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out); // stdout stays the results; there are none
    }

    [Fact]
    public async Task Estimate_that_times_out_waiting_names_the_created_jobs()
    {
        // The wait's timeout runs on a fake clock that moves only once the job exists: it times out after the submit by
        // construction, never because the machine was slow.
        using var clock = QuiescentClock.StartingNow();
        var stderr = new SignalingWriter("submitted ", 1);
        var run = RunAsync(["estimate", "a.mp4", "--timeout", "200ms", "--poll-interval", "50ms"], CancellationToken.None, stderr, time: clock);
        await stderr.Reached.WaitAsync(Bound);
        var result = await clock.DriveAsync(run);

        Assert.True(result.ExitCode == 4, result.ToString());
        var id = Assert.Single(_emulator.GetJobsSnapshot()).JobId;
        Assert.Contains($"submitted {id} for a.mp4", result.ErrorLines);
        Assert.Contains(result.ErrorLines, l => l.EndsWith("cosqe wait " + id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_text_prints_each_id_as_it_is_created_and_names_them_on_interrupt()
    {
        using var interrupt = new CancellationTokenSource();
        // Interrupted from inside the write of the second line: the third key is never submitted.
        var stdout = new SignalingWriter("  ", count: 2, onReached: interrupt.Cancel);
        var result = await RunAsync(["submit", "a.mp4", "b.mp4", "c.mp4"], interrupt.Token, new SignalingWriter("never", 1), stdout);

        Assert.True(result.ExitCode == 130, result.ToString());
        var jobs = EmulatorJobs.Snapshot(_emulator);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(jobs.Select(j => $"{j.JobId}  {j.Key}"), result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(result.ErrorLines, l => l.EndsWith("cosqe wait " + string.Join(' ', jobs.Select(j => j.JobId)), StringComparison.Ordinal));
        Assert.DoesNotContain("rerun the same command", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_json_still_writes_the_jobs_created_before_a_later_submit_fails()
    {
        // "   " passes the key rules but the service refuses it (Input.Object is required): the third submit fails.
        var result = await RunAsync(["submit", "-o", "json", "a.mp4", "b.mp4", "   "], CancellationToken.None, new SignalingWriter("never", 1));

        Assert.True(result.ExitCode is 2 or 3, result.ToString());
        var jobs = EmulatorJobs.Snapshot(_emulator);
        Assert.Equal(2, jobs.Count);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(jobs.Select(j => j.JobId), json.RootElement.EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));
        Assert.Contains(result.ErrorLines, l => l.EndsWith("cosqe wait " + string.Join(' ', jobs.Select(j => j.JobId)), StringComparison.Ordinal));
    }

    private async Task<CliResult> RunAsync(string[] args, CancellationToken interrupt, SignalingWriter stderr, TextWriter? stdout = null, TimeProvider? time = null)
    {
        stdout ??= new StringWriter();
        var host = new CliHost
        {
            Out = TextWriter.Synchronized(stdout),
            Error = TextWriter.Synchronized(stderr),
            GetEnvironmentVariable = name => CliRun.EnvFor(_emulator).TryGetValue(name, out var value) ? value : null,
            IsInteractive = false,
            Interrupt = interrupt,
            CurrentDirectory = Path.GetTempPath(),
            Time = time ?? TimeProvider.System,
            HttpClient = (time as QuiescentClock)?.HttpClient,
        };
        var code = await Task.Run(() => CliApp.RunAsync(args, host));
        return new CliResult(code, stdout.ToString()!, stderr.ToString());
    }

    /// <summary>A string writer that completes <see cref="Reached"/> once <c>count</c> lines contain a marker.</summary>
    private sealed class SignalingWriter : StringWriter
    {
        private readonly string _marker;
        private readonly int _count;
        private readonly Action? _onReached;
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SignalingWriter(string marker, int count, Action? onReached = null)
        {
            _marker = marker;
            _count = count;
            _onReached = onReached;
        }

        public Task Reached => _reached.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Check();
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        private void Check()
        {
            if (_reached.Task.IsCompleted)
            {
                return;
            }

            var lines = ToString().Split('\n').Count(l => l.Contains(_marker, StringComparison.Ordinal));
            if (lines >= _count)
            {
                _reached.TrySetResult();
                _onReached?.Invoke();
            }
        }
    }
}
