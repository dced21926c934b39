using System.Text.Json;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

public sealed class JobCommandsTests : IAsyncLifetime
{
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Dictionary<string, string?> Env => CliRun.EnvFor(_emulator);

    [Fact]
    public async Task Estimate_prints_score_verdict_and_findings()
    {
        var result = await CliRun.RunAsync(Env, ["estimate", "input/demo.mp4", "--poll-interval", "20ms"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The embedded emulator's result is simulated: labelled on the result line, and no quality verdict.
        Assert.Matches(@"^input/demo\.mp4: SIMULATED score \d+\.\d / 10 \(made up by the emulator, not measured from the video; no verdict\) \(job j[0-9a-f]+\)", result.Out);
        Assert.DoesNotContain("good quality", result.Out);
        Assert.DoesNotContain("below the good-quality bar", result.Out);
        Assert.Contains("vqaPlus (simulated):", result.Out); // the findings are labelled too
        Assert.Equal(1, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Estimate_json_is_an_array_of_jobs_with_findings()
    {
        var result = await CliRun.RunAsync(Env, ["estimate", "a.mp4", "b.mp4", "--output", "json", "--poll-interval", "20ms", "--mode", "vqaPlus", "--rotate", "90", "--level", "1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        foreach (var job in json.RootElement.EnumerateArray())
        {
            Assert.Equal("Success", job.GetProperty("state").GetString());
            Assert.True(job.GetProperty("score").GetDouble() is >= 0 and <= 10);
            Assert.Equal(JsonValueKind.Array, job.GetProperty("vqaPlus").GetProperty("findings").ValueKind);
        }

        Assert.All(EmulatorJobs.Snapshot(_emulator), j => Assert.Equal("90", j.Rotate));
    }

    [Fact]
    public async Task Estimate_without_credentials_or_endpoint_uses_the_embedded_emulator_with_a_one_line_notice()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["estimate", "input/demo.mp4", "--poll-interval", "200ms"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        // One notice, then (like every estimate) one line per created job id, so an interrupt cannot lose it.
        Assert.Equal(2, result.ErrorLines.Length);
        var notice = result.ErrorLines[0];
        Assert.StartsWith("No credentials configured", notice);
        Assert.Contains("embedded emulator", notice);
        Assert.Matches(@"^submitted j[0-9a-f]+ for input/demo\.mp4$", result.ErrorLines[1]);
        Assert.Contains("input/demo.mp4: SIMULATED score", result.Out);
        Assert.Contains("SIMULATED", notice);
    }

    [Fact]
    public async Task Estimate_of_a_local_file_uploads_it_once_and_estimates_it()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("clip.mp4"), "not really a video");

        var first = await CliRun.RunAsync(Env, ["estimate", "clip.mp4", "--poll-interval", "20ms"], directory: dir.Path);
        var second = await CliRun.RunAsync(Env, ["estimate", "clip.mp4", "--poll-interval", "20ms"], directory: dir.Path);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("cosqe-uploads/clip.mp4: SIMULATED score", first.Out, StringComparison.Ordinal);
        Assert.Equal(1, _emulator.ObjectCount);
        Assert.Equal(1, _emulator.ObjectWriteCount); // the unchanged file is not sent again
        Assert.Equal(2, _emulator.SubmittedJobCount);
        Assert.All(EmulatorJobs.Snapshot(_emulator), j => Assert.Equal("cosqe-uploads/clip.mp4", j.Key));
    }

    [Fact]
    public async Task Estimate_of_a_local_file_uploads_it_then_estimates_its_key()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("clip.mp4"), "video bytes");
        var store = new FakeObjectStore();

        var result = await CliRun.RunAsync(Env, ["estimate", "clip.mp4", "--upload-prefix", "up/", "--poll-interval", "20ms"], objects: store, directory: dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var upload = Assert.Single(store.Uploads);
        Assert.Equal(dir.File("clip.mp4"), upload.LocalPath);
        Assert.Equal("up/clip.mp4", upload.Key);
        Assert.Equal("up/clip.mp4", Assert.Single(EmulatorJobs.Snapshot(_emulator)).Key);
    }

    [Fact]
    public async Task Submit_get_list_wait_round_trip()
    {
        var submit = await CliRun.RunAsync(Env, ["submit", "k/one.mp4", "k/two.mp4", "--mode", "general"]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var ids = submit.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ")[0]).ToArray();
        Assert.Equal(2, ids.Length);

        var wait = await CliRun.RunAsync(Env, ["wait", .. ids, "--poll-interval", "20ms"]);
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.Contains("k/one.mp4: SIMULATED score", wait.Out);
        Assert.Contains("k/two.mp4: SIMULATED score", wait.Out);

        var get = await CliRun.RunAsync(Env, ["get", ids[0], "--output", "json"]);
        Assert.True(get.ExitCode == 0, get.ToString());
        using (var json = JsonDocument.Parse(get.Out))
        {
            Assert.Equal(ids[0], json.RootElement[0].GetProperty("jobId").GetString());
            Assert.Equal("k/one.mp4", json.RootElement[0].GetProperty("key").GetString());
        }

        var list = await CliRun.RunAsync(Env, ["list", "--state", "Success", "--since", "1h", "--limit", "10"]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(ids[0], list.Out);
        Assert.Contains(ids[1], list.Out);

        var limited = await CliRun.RunAsync(Env, ["list", "--limit", "1", "--output", "json"]);
        using (var json = JsonDocument.Parse(limited.Out))
        {
            Assert.Equal(1, json.RootElement.GetArrayLength());
        }

        var none = await CliRun.RunAsync(Env, ["list", "--state", "Failed"]);
        Assert.Equal(0, none.ExitCode);
        Assert.Equal(string.Empty, none.Out);
    }

    [Fact]
    public async Task Get_of_an_unknown_job_is_a_service_refusal()
    {
        var result = await CliRun.RunAsync(Env, ["get", "j0000000000000000000000000000dead"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("does not exist", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Cancel_cancels_a_queued_job_and_a_finished_one_is_refused()
    {
        await using var slow = await CosEmulator.StartAsync(new CosEmulatorOptions { QueueDelay = TimeSpan.FromMinutes(10) });
        var env = CliRun.EnvFor(slow);
        var client = new JobsClient(new JobsClientOptions { Bucket = slow.Bucket, Region = slow.Region, Endpoint = slow.Endpoint, Credential = slow.Credential });
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("queued.mp4"));

        var result = await CliRun.RunAsync(env, ["cancel", job.JobId]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"canceled {job.JobId}", result.Out.Trim());
        Assert.Equal(JobState.Canceled, (await client.GetJobAsync(job.JobId)).State);

        var again = await CliRun.RunAsync(env, ["cancel", job.JobId]);
        Assert.Equal(3, again.ExitCode);
        Assert.Single(again.ErrorLines);
    }

    [Fact]
    public async Task Wait_of_a_canceled_job_exits_1()
    {
        await using var slow = await CosEmulator.StartAsync(new CosEmulatorOptions { QueueDelay = TimeSpan.FromMinutes(10) });
        var client = new JobsClient(new JobsClientOptions { Bucket = slow.Bucket, Region = slow.Region, Endpoint = slow.Endpoint, Credential = slow.Credential });
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("queued.mp4"));
        await client.CancelJobAsync(job.JobId);

        var result = await CliRun.RunAsync(CliRun.EnvFor(slow), ["wait", job.JobId]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(job.JobId, result.Out);
    }

    [Fact]
    public async Task Wrong_secret_key_is_a_service_refusal_without_the_secret_in_output()
    {
        var env = Env;
        env["COS_SECRET_KEY"] = "definitely-wrong-secret-value-123";

        var result = await CliRun.RunAsync(env, ["submit", "x.mp4"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.DoesNotContain("definitely-wrong-secret-value-123", result.Error + result.Out);
    }

    [Fact]
    public async Task Unreachable_endpoint_for_a_get_exits_4_naming_the_url_it_could_not_reach()
    {
        // A GET has no unknown outcome (nothing was created): the service was unreachable, which exits 4 like unavailable.
        var env = Env;
        env["COS_ENDPOINT"] = "http://127.0.0.1:1/";

        var result = await CliRun.RunAsync(env, ["get", "j00000000000000000000000000000001"]);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: could not reach the service at http://127.0.0.1:1/", line, StringComparison.Ordinal);
        Assert.DoesNotContain("outcome unknown", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_commands_say_what_is_missing()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cosqe: missing credentials (COS_SECRET_ID and COS_SECRET_KEY), the bucket (--bucket or COS_BUCKET, as name-appid), the region (--region or COS_REGION).", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Flags_override_the_environment()
    {
        var env = Env;
        env["COS_BUCKET"] = "otherbucket-1250000001";
        env["COS_ENDPOINT"] = "http://127.0.0.1:1/";

        var result = await CliRun.RunAsync(env, ["submit", "x.mp4", "--bucket", _emulator.Bucket, "--endpoint", _emulator.Endpoint.ToString()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(_emulator.Bucket, Assert.Single(EmulatorJobs.Snapshot(_emulator)).Bucket);
    }
}
