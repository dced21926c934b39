using System.CommandLine;
using System.Globalization;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>estimate, submit, get, list, cancel, wait.</summary>
internal static class JobCommands
{
    public static IEnumerable<Command> Create(CliHost host)
    {
        yield return Estimate(host);
        yield return Submit(host);
        yield return Get(host);
        yield return List(host);
        yield return Cancel(host);
        yield return Wait(host);
    }

    private static Command Estimate(CliHost host)
    {
        var inputs = new Argument<string[]>("key-or-local-file") { Description = "Object keys in the bucket, or local files (uploaded first).", Arity = ArgumentArity.OneOrMore };
        var mode = CliParsing.ModeOption();
        var rotate = CliParsing.ChoiceOption("--rotate", "Rotate the video before estimating (degrees).", 0, 90, 180, 270);
        var level = CliParsing.ChoiceOption("--level", "Job priority level.", 0, 1, 2);
        var timeout = CliParsing.DurationOption("--timeout", "Give up waiting after this long (exit code 4).", TimeSpan.FromMinutes(30));
        var poll = CliParsing.DurationOption("--poll-interval", "First polling interval (it grows up to 15s).", TimeSpan.FromSeconds(1));
        var uploadPrefix = new Option<string>("--upload-prefix") { Description = "Key prefix for uploaded local files.", DefaultValueFactory = _ => "cosqe-uploads/" };
        var command = new Command("estimate", "Upload local files if needed, submit, wait with live progress, print score, verdict and findings.")
        {
            inputs, mode, rotate, level, timeout, poll, uploadPrefix,
        };
        command.SetAction(CliApp.Action(host, async context =>
        {
            var parse = context.Parse;
            var items = parse.GetValue(inputs)!;
            var locals = items.Select(i => IsLocalFile(host, i)).ToArray();
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: true, context.Cancel).ConfigureAwait(false);
            var keys = new string[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                if (locals[i])
                {
                    var path = Path.GetFullPath(items[i], host.CurrentDirectory);
                    keys[i] = parse.GetValue(uploadPrefix) + Path.GetFileName(path);
                    await connection.Objects.UploadAsync(path, keys[i], context.Cancel).ConfigureAwait(false);
                }
                else
                {
                    keys[i] = items[i];
                }
            }

            var polling = new JobPollingOptions { InitialInterval = parse.GetValue(poll), Timeout = parse.GetValue(timeout) };
            if (polling.MaxInterval < polling.InitialInterval)
            {
                polling.MaxInterval = polling.InitialInterval;
            }

            var submitted = new List<JobDetail>();
            foreach (var key in keys)
            {
                var request = new QualityEstimateJobRequest(key)
                {
                    Mode = CliParsing.ParseMode(parse.GetValue(mode)),
                    Rotate = parse.GetValue(rotate),
                    JobLevel = parse.GetValue(level),
                };
                var job = await connection.Client.SubmitQualityEstimateJobAsync(request, context.Cancel).ConfigureAwait(false);
                submitted.Add(job);
                if (host.IsInteractive && !context.Json)
                {
                    await context.Error.WriteLineAsync($"submitted {job.JobId} for {JobText.Sanitize(key)}").ConfigureAwait(false);
                }
            }

            var results = await WaitAllAsync(context, connection.Client, submitted.Select(j => j.JobId).ToList(), polling).ConfigureAwait(false);
            return Print(context, results);
        }));
        return command;
    }

    private static bool IsLocalFile(CliHost host, string input)
    {
        try
        {
            return File.Exists(Path.GetFullPath(input, host.CurrentDirectory));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException)
        {
            return false;
        }
    }

    private static async Task<List<JobDetail>> WaitAllAsync(CommandContext context, JobsClient client, List<string> jobIds, JobPollingOptions polling)
    {
        var done = 0;
        using var ticker = new CancellationTokenSource();
        Task progress = Task.CompletedTask;
        if (context.Host.IsInteractive && !context.Json)
        {
            progress = Task.Run(async () =>
            {
                var started = DateTime.UtcNow;
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
                try
                {
                    while (await timer.WaitForNextTickAsync(ticker.Token).ConfigureAwait(false))
                    {
                        await context.Error.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[2Kwaiting: {Volatile.Read(ref done)}/{jobIds.Count} done, {(DateTime.UtcNow - started).TotalSeconds:0}s")).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                }

                await context.Error.WriteAsync("\r\u001b[2K").ConfigureAwait(false);
            });
        }

        try
        {
            var tasks = jobIds.Select(async id =>
            {
                var job = await client.WaitForCompletionAsync(id, polling, context.Cancel).ConfigureAwait(false);
                Interlocked.Increment(ref done);
                return job;
            });
            return (await Task.WhenAll(tasks).ConfigureAwait(false)).ToList();
        }
        finally
        {
            await ticker.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
        }
    }

    private static int Print(CommandContext context, IReadOnlyList<JobDetail> jobs)
    {
        if (context.Json)
        {
            context.Out.WriteLine(JobJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var job in jobs)
                {
                    JobJson.WriteJob(w, job);
                }

                w.WriteEndArray();
            }));
        }
        else
        {
            foreach (var job in jobs)
            {
                JobText.WriteOutcome(context.Out, job);
            }
        }

        return jobs.Any(j => j.State != JobState.Success) ? ExitCodes.JobFailed : ExitCodes.Ok;
    }

    private static Command Submit(CliHost host)
    {
        var keys = new Argument<string[]>("key") { Description = "Object keys in the bucket.", Arity = ArgumentArity.OneOrMore };
        var mode = CliParsing.ModeOption();
        var rotate = CliParsing.ChoiceOption("--rotate", "Rotate the video before estimating (degrees).", 0, 90, 180, 270);
        var level = CliParsing.ChoiceOption("--level", "Job priority level.", 0, 1, 2);
        var userData = new Option<string?>("--user-data") { Description = "Free text returned with the job." };
        var command = new Command("submit", "Submit jobs and print their ids without waiting.") { keys, mode, rotate, level, userData };
        command.SetAction(CliApp.Action(host, async context =>
        {
            var parse = context.Parse;
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            var jobs = new List<JobDetail>();
            foreach (var key in parse.GetValue(keys)!)
            {
                var request = new QualityEstimateJobRequest(key)
                {
                    Mode = CliParsing.ParseMode(parse.GetValue(mode)),
                    Rotate = parse.GetValue(rotate),
                    JobLevel = parse.GetValue(level),
                    UserData = parse.GetValue(userData),
                };
                var job = await connection.Client.SubmitQualityEstimateJobAsync(request, context.Cancel).ConfigureAwait(false);
                jobs.Add(job);
                if (!context.Json)
                {
                    await context.Out.WriteLineAsync($"{job.JobId}  {JobText.Sanitize(key)}").ConfigureAwait(false);
                }
            }

            if (context.Json)
            {
                WriteJobs(context, jobs);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteJobs(CommandContext context, IEnumerable<JobDetail> jobs)
    {
        context.Out.WriteLine(JobJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var job in jobs)
            {
                JobJson.WriteJob(w, job);
            }

            w.WriteEndArray();
        }));
    }

    private static Command Get(CliHost host)
    {
        var ids = CliParsing.JobIdsArgument();
        var command = new Command("get", "Describe jobs: state, score, findings.") { ids };
        command.SetAction(CliApp.Action(host, async context =>
        {
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            var result = await connection.Client.GetJobsAsync(context.Parse.GetValue(ids)!, context.Cancel).ConfigureAwait(false);
            if (context.Json)
            {
                WriteJobs(context, result.Jobs);
            }
            else
            {
                foreach (var job in result.Jobs)
                {
                    if (job.HasCompleted)
                    {
                        JobText.WriteOutcome(context.Out, job);
                    }
                    else
                    {
                        context.Out.WriteLine(JobText.Line(job));
                    }
                }
            }

            foreach (var missing in result.NonExistentJobIds)
            {
                await context.Error.WriteLineAsync($"cosqe: job {JobText.Sanitize(missing)} does not exist.").ConfigureAwait(false);
            }

            return result.NonExistentJobIds.Count > 0 ? ExitCodes.ServiceRefused : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliHost host)
    {
        var states = new Option<string[]>("--state") { Description = "Only jobs in these states (repeat or comma-separate): Submitted, Running, Success, Failed, Pause, Cancel.", AllowMultipleArgumentsPerToken = false };
        var since = CliParsing.TimeOption("--since", "Only jobs created at or after this time.", TimeProvider.System);
        var until = CliParsing.TimeOption("--until", "Only jobs created before this time.", TimeProvider.System);
        var limit = new Option<int>("--limit") { Description = "At most this many jobs (newest first).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                r.AddError("invalid --limit: use 1 to 100000.");
            }
        });
        var key = new Option<string?>("--key") { Description = "Only jobs of this input object key." };
        var command = new Command("list", "List jobs, newest first.") { states, since, until, limit, key };
        command.SetAction(CliApp.Action(host, async context =>
        {
            var parse = context.Parse;
            var options = new ListJobsOptions
            {
                StartCreationTime = parse.GetValue(since),
                EndCreationTime = parse.GetValue(until),
                InputObject = parse.GetValue(key),
                PageSize = Math.Min(ListJobsOptions.MaxPageSize, parse.GetValue(limit)),
                Order = JobSortOrder.Descending,
            };
            foreach (var state in CliParsing.ParseStates(parse.GetValue(states)))
            {
                options.States.Add(state);
            }

            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            var jobs = new List<JobDetail>();
            await foreach (var job in connection.Client.ListJobsAsync(options).WithCancellation(context.Cancel).ConfigureAwait(false))
            {
                jobs.Add(job);
                if (jobs.Count >= parse.GetValue(limit))
                {
                    break;
                }
            }

            if (context.Json)
            {
                WriteJobs(context, jobs);
            }
            else
            {
                foreach (var job in jobs)
                {
                    context.Out.WriteLine(JobText.Line(job));
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Cancel(CliHost host)
    {
        var ids = CliParsing.JobIdsArgument();
        var command = new Command("cancel", "Cancel jobs that have not finished.") { ids };
        command.SetAction(CliApp.Action(host, async context =>
        {
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            var code = ExitCodes.Ok;
            var canceled = new List<string>();
            foreach (var id in context.Parse.GetValue(ids)!)
            {
                try
                {
                    await connection.Client.CancelJobAsync(id, context.Cancel).ConfigureAwait(false);
                    canceled.Add(id);
                    if (!context.Json)
                    {
                        await context.Out.WriteLineAsync($"canceled {id}").ConfigureAwait(false);
                    }
                }
                catch (CosServiceException ex) when (ex is JobCancellationRefusedException or JobNotFoundException)
                {
                    await context.Error.WriteLineAsync("cosqe: " + CliApp.OneLine(ex.Message)).ConfigureAwait(false);
                    code = ExitCodes.ServiceRefused;
                }
            }

            if (context.Json)
            {
                context.Out.WriteLine(JobJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("canceled");
                    foreach (var id in canceled)
                    {
                        w.WriteStringValue(id);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
            }

            return code;
        }));
        return command;
    }

    private static Command Wait(CliHost host)
    {
        var ids = CliParsing.JobIdsArgument();
        var timeout = CliParsing.DurationOption("--timeout", "Give up waiting after this long (exit code 4).", TimeSpan.FromMinutes(30));
        var poll = CliParsing.DurationOption("--poll-interval", "First polling interval (it grows up to 15s).", TimeSpan.FromSeconds(1));
        var command = new Command("wait", "Wait for jobs to finish and print their results.") { ids, timeout, poll };
        command.SetAction(CliApp.Action(host, async context =>
        {
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            var polling = new JobPollingOptions { InitialInterval = context.Parse.GetValue(poll), Timeout = context.Parse.GetValue(timeout) };
            if (polling.MaxInterval < polling.InitialInterval)
            {
                polling.MaxInterval = polling.InitialInterval;
            }

            var results = await WaitAllAsync(context, connection.Client, context.Parse.GetValue(ids)!.ToList(), polling).ConfigureAwait(false);
            return Print(context, results);
        }));
        return command;
    }
}
