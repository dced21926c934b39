using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The state of a key as the journal records it: the service's own state string of its job (kept as the service spelled
/// it, so a state a newer service invents survives), or <see cref="Rejected"/> when the service or the CLI refused the key
/// itself. A key without a state has no job yet (<see cref="JournalRow.Progress"/> says whether it is in doubt).
/// </summary>
internal readonly record struct JournalState
{
    /// <summary>The job succeeded.</summary>
    public static readonly JournalState Success = new("Success");

    /// <summary>The job failed.</summary>
    public static readonly JournalState Failed = new("Failed");

    /// <summary>The job was canceled (the service spells it <c>Cancel</c>).</summary>
    public static readonly JournalState Cancel = new("Cancel");

    /// <summary>The job was canceled (the library's spelling).</summary>
    public static readonly JournalState Canceled = new("Canceled");

    /// <summary>The key was refused for itself alone (no job was created).</summary>
    public static readonly JournalState Rejected = new("Rejected");

    /// <summary>The states after which nothing changes, as SQL literals (for the journal's queries).</summary>
    public static readonly string TerminalSql = string.Join(',', new[] { Success, Failed, Cancel, Canceled, Rejected }.Select(s => $"'{s.Name}'"));

    /// <summary>The failure states, as SQL literals.</summary>
    public static readonly string FailureSql = string.Join(',', new[] { Failed, Cancel, Canceled, Rejected }.Select(s => $"'{s.Name}'"));

    public JournalState(string name) => Name = name;

    /// <summary>The state as stored (and shown).</summary>
    public string Name { get; }

    /// <summary>Nothing will change any more: succeeded, failed, canceled or rejected.</summary>
    public bool IsTerminal => IsFailure || this == Success;

    /// <summary>Counted as failed: failed, canceled or rejected.</summary>
    public bool IsFailure => this == Failed || this == Cancel || this == Canceled || this == Rejected;

    /// <summary>The state of <paramref name="job"/>: the service's raw string when it sent one.</summary>
    public static JournalState Of(JobDetail job) => new(job.RawState ?? job.State.ToString());

    public override string ToString() => Name;
}

/// <summary>Where a key without a state stands.</summary>
internal enum JournalProgress
{
    /// <summary>No token: never sent (or its unsent token was released).</summary>
    NotSubmitted,

    /// <summary>A token and no job id: the submit may or may not have reached the service (reconciled before a resend).</summary>
    InDoubt,

    /// <summary>A job id: the job exists.</summary>
    Submitted,
}
