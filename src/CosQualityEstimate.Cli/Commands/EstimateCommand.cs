using System.CommandLine;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Cli.Commands;

/// <summary><c>cosqe estimate</c>: check every input, upload local files if needed, submit, wait, print.</summary>
internal static class EstimateCommand
{
    public static Command Create(CliHost host)
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
        command.SetAction(CommandActions.Action(host, async context =>
        {
            var parse = context.Parse;
            var items = parse.GetValue(inputs)!;

            // Everything about the inputs is checked before anything is uploaded or submitted (exit 2, nothing sent).
            var plan = PlanInputs(host, items, parse.GetValue(uploadPrefix)!);
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: true, context.Cancel).ConfigureAwait(false);
            var keys = new string[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                keys[i] = plan[i].Key;
                if (plan[i].LocalPath is { } path)
                {
                    await connection.Objects.UploadAsync(path, keys[i], context.Cancel).ConfigureAwait(false);
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
                context.JobCreated(job.JobId);
                submitted.Add(job);

                // Reported the moment it exists, whatever the output mode: stdout carries the results, so the id goes
                // to stderr; an interrupt or failure later must never lose it (a rerun would bill the video again).
                await context.Error.WriteLineAsync($"submitted {JobText.Sanitize(job.JobId)} for {JobText.Sanitize(key)}").ConfigureAwait(false);
                await context.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            var results = await JobCommands.WaitAllAsync(context, connection.Client, submitted.Select(j => j.JobId).ToList(), polling).ConfigureAwait(false);
            var localByKey = plan.Where(p => p.LocalPath is not null).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Input, StringComparer.Ordinal);
            // The embedded emulator is never the real service: its unmarked results are simulated (issue 14 §1).
            return JobCommands.Print(context, results, localByKey, connection.Emulator is null ? context.Config.UnmarkedSource : QualityEstimateSource.Simulated);
        }));
        return command;
    }

    /// <summary>One estimate input: the argument, the key it is estimated under, and the full local path when it is a file to upload.</summary>
    private sealed record InputPlan(string Input, string Key, string? LocalPath);

    /// <summary>
    /// Resolves every argument to a key before anything is sent: an existing local file is uploaded under
    /// prefix + file name; an existing directory is refused; anything else must be a valid object key. Two different
    /// local files that would land on the same key (a/ep1.mp4 and b/ep1.mp4) are refused instead of overwriting each other.
    /// </summary>
    private static List<InputPlan> PlanInputs(CliHost host, string[] items, string uploadPrefix)
    {
        var plan = new List<InputPlan>(items.Length);
        foreach (var item in items)
        {
            var fullPath = FullPath(host, item);
            if (fullPath is not null && Directory.Exists(fullPath))
            {
                throw new CliUsageException($"{JobText.Sanitize(item)} is a directory; pass video files or object keys.");
            }

            if (fullPath is not null && File.Exists(fullPath))
            {
                var key = uploadPrefix + Path.GetFileName(fullPath);
                if (ObjectKeyValidator.GetProblem(key, forUpload: true) is { } problem)
                {
                    throw new CliUsageException($"{JobText.Sanitize(item)} cannot be uploaded as \"{JobText.Sanitize(key)}\": {Lowercase(problem)}");
                }

                plan.Add(new InputPlan(item, key, fullPath));
            }
            else if (LooksLikeLocalPath(item))
            {
                // `/data/clips/cup.mp4` that is not there is a mistyped path, not an invalid key.
                var key = item.TrimStart('.', '~', '/', '\\');
                var example = key.Length > 0 && !(item.Length > 1 && item[1] == ':') && ObjectKeyValidator.GetProblem(key) is null ? $" (for example {JobText.Sanitize(key)})" : string.Empty;
                throw new CliUsageException(
                    $"{JobText.Sanitize(item)}: no such file. To estimate an object already in the bucket, pass its key without a leading '/', './' or '~'{example}.");
            }
            else
            {
                ThrowIfInvalidKeys([item]);
                plan.Add(new InputPlan(item, item, null));
            }
        }

        var seen = new Dictionary<string, InputPlan>(StringComparer.Ordinal);
        foreach (var entry in plan)
        {
            if (seen.TryGetValue(entry.Key, out var earlier))
            {
                var sameFile = entry.LocalPath is not null && string.Equals(entry.LocalPath, earlier.LocalPath, StringComparison.Ordinal);
                var bothKeys = entry.LocalPath is null && earlier.LocalPath is null;
                if (!sameFile && !bothKeys)
                {
                    throw new CliUsageException(
                        $"{JobText.Sanitize(earlier.Input)} and {JobText.Sanitize(entry.Input)} would both be estimated as \"{JobText.Sanitize(entry.Key)}\" (one would overwrite the other); rename one or run them separately with different --upload-prefix values.");
                }
            }
            else
            {
                seen.Add(entry.Key, entry);
            }
        }

        return plan;
    }

    /// <summary>
    /// True for an argument written as a local path: it starts with <c>/</c>, <c>./</c>, <c>../</c>, <c>~</c> (or their
    /// Windows forms) or a drive letter (<c>C:\</c>, <c>C:/</c>). An object key never looks like that (COS keys have no
    /// leading '/' and no '.'/'..' segments).
    /// </summary>
    internal static bool LooksLikeLocalPath(string input) =>
        input.StartsWith('/') || input.StartsWith('\\') || input.StartsWith('~')
        || input.StartsWith("./", StringComparison.Ordinal) || input.StartsWith(".\\", StringComparison.Ordinal)
        || input.StartsWith("../", StringComparison.Ordinal) || input.StartsWith("..\\", StringComparison.Ordinal)
        || (input.Length >= 3 && char.IsAsciiLetter(input[0]) && input[1] == ':' && input[2] is '/' or '\\');

    private static string? FullPath(CliHost host, string input)
    {
        try
        {
            return input.Length == 0 ? null : Path.GetFullPath(input, host.CurrentDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException)
        {
            return null;
        }
    }

    /// <summary>The library's own key rules (<see cref="ObjectKeyValidator"/>), checked before any request: exit 2 naming the first invalid key.</summary>
    internal static void ThrowIfInvalidKeys(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (ObjectKeyValidator.GetProblem(key) is { } problem)
            {
                var shown = JobText.Sanitize(key);
                throw new CliUsageException($"invalid object key \"{(shown.Length <= 120 ? shown : shown[..117] + "...")}\": {Lowercase(problem)}");
            }
        }
    }

    private static string Lowercase(string sentence) => sentence.Length == 0 ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..];
}
