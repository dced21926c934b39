namespace CosQualityEstimate.Cli.Journal;

/// <summary>One key of a batch as the journal knows it.</summary>
internal sealed record JournalRow(
    long Seq,
    string Key,
    string? ClientToken,
    DateTimeOffset? TokenTime,
    string? JobId,
    JournalState? State,
    double? Score,
    string? Code,
    string? Message,
    string? FindingsJson)
{
    /// <summary>When the row last changed (its journal's clock); <see langword="null"/> for a key never worked on.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>An analyze row's argument root on the machine that last wrote it (<see cref="Key"/> is relative to it);
    /// <see langword="null"/> for object keys and for analyze rows written before keys were relative (their key is the full path).</summary>
    public string? Root { get; init; }

    /// <summary>Where an analyze row's file is on the machine that last wrote it: <see cref="Root"/> joined with
    /// <see cref="Key"/>, or the key itself when the row has no root.</summary>
    public string LocalPath => Root is null ? Key : System.IO.Path.GetFullPath(System.IO.Path.Join(Root, Key));

    /// <summary>The journal the row was read from, when rows of several journals are merged (export, report).</summary>
    public string? Origin { get; init; }

    /// <summary>True when this run assigned the token (so releasing it is safe if the submit is never sent).</summary>
    public bool TokenFresh { get; init; }

    /// <summary>Where the key stands as far as submitting goes.</summary>
    public JournalProgress Progress => JobId is not null ? JournalProgress.Submitted : ClientToken is null ? JournalProgress.NotSubmitted : JournalProgress.InDoubt;

    /// <summary>The state to show: the recorded state, else <c>NotSubmitted</c> or <c>InDoubt</c> (a job without a state yet shows <c>Submitted</c>).</summary>
    public string DisplayState => State?.Name ?? Progress.ToString();

    /// <summary>The result record (source, findings) in the journal's own format, whatever format version wrote it.</summary>
    public JournalResult Result => JournalFindings.Read(FindingsJson);

    /// <summary>Where the result came from as stored in the result record (<c>service</c>, <c>local-analysis</c>,
    /// <c>simulated</c>; <c>unknown</c> for a row written before sources were recorded, with or without findings);
    /// <see langword="null"/> without a result.</summary>
    public string? Source => FindingsJson is not null ? Result.RawSource : Score is not null ? JournalFindings.UnknownSource : null;

    /// <summary>The job's mode as recorded (<c>general</c>, <c>vqaPlus</c>); <see langword="null"/> without a result or when
    /// it was not recorded (see <see cref="JournalResult.Mode"/>).</summary>
    public string? Mode => FindingsJson is not null ? Result.Mode : null;
}

/// <summary>Totals over the journal.</summary>
internal readonly record struct JournalCounts(int Keys, int Submitted, int Succeeded, int Failed)
{
    public int Pending => Keys - Succeeded - Failed;
}
