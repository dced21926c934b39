using System.CommandLine;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// The options both kinds of <c>cosqe batch</c> take (the client-side <see cref="BatchCommand"/> and the service's
/// fan-out, <see cref="ServerSideBatchCommand"/>), and <c>--server-side</c> that picks one. Each kind adds its own options;
/// one of the other kind, given explicitly, is refused (exit 2).
/// </summary>
internal sealed class BatchSharedOptions
{
    internal Option<string> Journal { get; } = new("--journal") { Description = "The journal (SQLite) file; created when missing, continued when it exists.", Required = true, HelpName = "file.db" };

    internal Option<string?> Keys { get; } = new("--keys") { Description = "A file with one object key per line ('-' reads standard input; blank lines and lines starting with # are skipped).", HelpName = "file|-" };

    internal Option<string?> Prefix { get; } = new("--prefix") { Description = "Every object under this key prefix." };

    internal Option<int?> Level { get; } = CliParsing.ChoiceOption("--level", "Job priority level.", 0, 1, 2);

    internal Option<bool> NoWait { get; } = new("--no-wait") { Description = "Submit every key and stop; a later run (or cosqe batch again) waits." };

    internal Option<TimeSpan> Poll { get; } = CliParsing.DurationOption("--poll-interval", "How often unfinished jobs are polled.", TimeSpan.FromSeconds(5));

    internal Option<TimeSpan> ProgressEvery { get; } = CliParsing.DurationOption("--progress-interval", "How often a progress line is printed when stderr is not a terminal.", TimeSpan.FromSeconds(10));

    internal Option<TimeSpan> Settle { get; } = CliParsing.DurationOption("--reconcile-settle", "On resume, how long after the previous run's last possible send (its send lease) the look-ups of keys in doubt start.", TimeSpan.FromSeconds(5));

    internal Option<bool> ServerSide { get; } = new("--server-side") { Description = "Let the service fan out: one batch processing job (/inventorytriggerjob) over --prefix, --manifest or --keys, its jobs collected into the journal." };

    internal IEnumerable<Option> All => [Journal, Keys, Prefix, Level, NoWait, Poll, ProgressEvery, Settle, ServerSide];

    /// <summary>Adds an error for each option of <paramref name="others"/> given explicitly: it belongs to the other kind of batch.</summary>
    internal static void RefuseOthers(System.CommandLine.Parsing.CommandResult result, IEnumerable<Option> others, string why)
    {
        foreach (var option in others)
        {
            if (result.GetResult(option) is { Implicit: false })
            {
                result.AddError($"{option.Name} {why}");
            }
        }
    }
}
