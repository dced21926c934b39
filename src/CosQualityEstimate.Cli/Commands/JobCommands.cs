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
        yield return EstimateCommand.Create(host);
        yield return Submit(host);
        yield return Get(host);
        yield return List(host);
        yield return Cancel(host);
        yield return Wait(host);
    }

    internal static async Task<List<JobDetail>> WaitAllAsync(CommandContext context, JobsClient client, List<string> jobIds, JobPollingOptions polling)
    {
        var done = 0;
        using var ticker = new CancellationTokenSource();
        Task progress = Task.CompletedTask;
        if (context.Host.IsInteractive && !context.Json)
        {
            progress = Task.Run(async () =>
            {
                var time = context.Host.Time;
                var started = time.GetUtcNow();
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), time);
                try
                {
                    while (await timer.WaitForNextTickAsync(ticker.Token).ConfigureAwait(false))
                    {
                        await context.Error.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[2Kwaiting: {Volatile.Read(ref done)}/{jobIds.Count} done, {(time.GetUtcNow() - started).TotalSeconds:0}s")).ConfigureAwait(false);
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

    internal static int Print(
        CommandContext context, IReadOnlyList<JobDetail> jobs, IReadOnlyDictionary<string, string>? localByKey = null, QualityEstimateSource? unmarkedSource = null)
    {
        var unmarked = unmarkedSource ?? context.Config.UnmarkedSource;
        if (context.Json)
        {
            context.Out.WriteLine(JobJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var job in jobs)
                {
                    JobJson.WriteJob(w, job, unmarked);
                }

                w.WriteEndArray();
            }));
        }
        else
        {
            foreach (var job in jobs)
            {
                if (localByKey is not null && job.Input?.ObjectKey is { } key && localByKey.TryGetValue(key, out var local))
                {
                    // The first line of the outcome names the key; the local file it came from goes at its end.
                    using var block = new StringWriter();
                    JobText.WriteOutcome(block, job, unmarked);
                    var text = block.ToString();
                    var end = text.IndexOf(Environment.NewLine, StringComparison.Ordinal);
                    context.Out.Write(end < 0 ? text : text[..end] + $" (local file {JobText.Sanitize(local)})" + text[end..]);
                }
                else
                {
                    JobText.WriteOutcome(context.Out, job, unmarked);
                }
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
        command.SetAction(CommandActions.Action(host, async context =>
        {
            var parse = context.Parse;
            EstimateCommand.ThrowIfInvalidKeys(parse.GetValue(keys)!);
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            var jobs = new List<JobDetail>();
            try
            {
                await SubmitEachAsync(context, connection.Client, parse.GetValue(keys)!, key => new QualityEstimateJobRequest(key)
                {
                    Mode = CliParsing.ParseMode(parse.GetValue(mode)),
                    Rotate = parse.GetValue(rotate),
                    JobLevel = parse.GetValue(level),
                    UserData = parse.GetValue(userData),
                }, jobs).ConfigureAwait(false);
            }
            catch (Exception) when (context.Json && jobs.Count > 0)
            {
                // The jobs created before the failure are real (and billed): their ids still reach stdout, then the error.
                WriteJobs(context, jobs);
                await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            if (context.Json)
            {
                WriteJobs(context, jobs);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task SubmitEachAsync(CommandContext context, JobsClient client, string[] keys, Func<string, QualityEstimateJobRequest> createRequest, List<JobDetail> jobs)
    {
        foreach (var key in keys)
        {
            var job = await client.SubmitQualityEstimateJobAsync(createRequest(key), context.Cancel).ConfigureAwait(false);
            context.JobCreated(job.JobId);
            jobs.Add(job);
            if (!context.Json)
            {
                await context.Out.WriteLineAsync($"{JobText.Sanitize(job.JobId)}  {JobText.Sanitize(key)}").ConfigureAwait(false);
                await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static void WriteJobs(CommandContext context, IEnumerable<JobDetail> jobs)
    {
        context.Out.WriteLine(JobJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var job in jobs)
            {
                JobJson.WriteJob(w, job, context.Config.UnmarkedSource);
            }

            w.WriteEndArray();
        }));
    }

    private static Command Get(CliHost host)
    {
        var ids = CliParsing.JobIdsArgument();
        var command = new Command("get", "Describe jobs: state, score, findings.") { ids };
        command.SetAction(CommandActions.Action(host, async context =>
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
                        JobText.WriteOutcome(context.Out, job, context.Config.UnmarkedSource);
                    }
                    else
                    {
                        context.Out.WriteLine(JobText.Line(job, context.Config.UnmarkedSource));
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
        var states = new Option<string[]>("--state") { Description = "Only jobs in these states (repeat or comma-separate): Submitted, Running, Success, Failed, Paused, Canceled.", AllowMultipleArgumentsPerToken = false };
        var since = CliParsing.TimeOption("--since", "Only jobs created at or after this time.", host.Time);
        var until = CliParsing.TimeOption("--until", "Only jobs created before this time.", host.Time);
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
        command.SetAction(CommandActions.Action(host, async context =>
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
                    context.Out.WriteLine(JobText.Line(job, context.Config.UnmarkedSource));
                }
            }

            if (jobs.Count == 0)
            {
                // Nothing on stdout is not an answer a person can read: say so (stderr, so `-o json` stays `[]`).
                var filtered = options.States.Count > 0 || options.StartCreationTime is not null || options.EndCreationTime is not null || options.InputObject is not null;
                await context.Error.WriteLineAsync(filtered ? "cosqe: no jobs match these filters." : "cosqe: no jobs to list.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Cancel(CliHost host)
    {
        var ids = CliParsing.JobIdsArgument();
        var command = new Command("cancel", "Cancel jobs that have not finished.") { ids };
        command.SetAction(CommandActions.Action(host, async context =>
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
                    await context.Error.WriteLineAsync("cosqe: " + JobText.OneLine(ex.Message)).ConfigureAwait(false);
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
        command.SetAction(CommandActions.Action(host, async context =>
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
