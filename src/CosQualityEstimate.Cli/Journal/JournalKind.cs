namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// What a journal holds, written (meta entry <see cref="JournalKinds.Meta"/>) when the journal is created and checked in
/// one place, <see cref="JournalFile.Open"/>, whenever a command opens it: a command never continues a journal of another
/// kind (exit 2).
/// </summary>
internal enum JournalKind
{
    /// <summary><c>cosqe batch</c>: one row per object key, each submitted by cosqe (client token, job id).</summary>
    Batch,

    /// <summary><c>cosqe batch --server-side</c>: one service batch (the <c>server_batch</c> row) and its jobs, one row per object.</summary>
    ServerSideBatch,

    /// <summary><c>cosqe analyze</c>: one row per local file, keyed by its path relative to its argument root.</summary>
    Analysis,
}

/// <summary>The stored names of <see cref="JournalKind"/> and what the refusal of a journal of another kind says.</summary>
internal static class JournalKinds
{
    /// <summary>The meta entry naming the kind (absent only in journals written before kinds were recorded, see <see cref="JournalSchema"/>).</summary>
    public const string Meta = "kind";

    /// <summary>The stored name of <paramref name="kind"/> (<c>local-analysis</c> is the name analyze journals always had).</summary>
    public static string Name(JournalKind kind) => kind switch
    {
        JournalKind.Batch => "batch",
        JournalKind.ServerSideBatch => "server-side-batch",
        JournalKind.Analysis => "local-analysis",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind a stored name names, or <see langword="null"/> for a name this build does not know.</summary>
    public static JournalKind? Parse(string? name) => name switch
    {
        "batch" => JournalKind.Batch,
        "server-side-batch" => JournalKind.ServerSideBatch,
        "local-analysis" => JournalKind.Analysis,
        _ => null,
    };

    /// <summary>The one-line refusal of a journal of kind <paramref name="actual"/> opened as <paramref name="expected"/>.</summary>
    public static string Refusal(string path, JournalKind expected, JournalKind actual) => (expected, actual) switch
    {
        (_, JournalKind.Analysis) => $"{path} holds local files analysed by cosqe analyze, not object keys; give {Command(expected)} its own --journal file.",
        (JournalKind.Analysis, _) => $"{path} is a batch journal of object keys; give cosqe analyze its own --journal file.",
        (JournalKind.Batch, JournalKind.ServerSideBatch) => $"{path} holds a server-side batch; continue it with cosqe batch --server-side --journal {path}.",
        _ => $"{path} holds a client-side batch (cosqe batch without --server-side); give --server-side its own --journal file.",
    };

    /// <summary>The one-line refusal of a journal of kind <paramref name="actual"/> read where only <paramref name="accepted"/> will do.</summary>
    public static string ReadRefusal(string path, IReadOnlyList<JournalKind> accepted, JournalKind actual) =>
        $"{path} is {Describe(actual)}, not {string.Join(" or ", accepted.Select(Describe))}.";

    /// <summary>What a journal of <paramref name="kind"/> is, in a message.</summary>
    public static string Describe(JournalKind kind) => kind switch
    {
        JournalKind.Batch => "a cosqe batch journal (object keys)",
        JournalKind.ServerSideBatch => "a cosqe batch --server-side journal (object keys)",
        _ => "a cosqe analyze journal (local files)",
    };

    /// <summary>The command that writes journals of <paramref name="kind"/>.</summary>
    public static string Command(JournalKind kind) => kind switch
    {
        JournalKind.Batch => "cosqe batch",
        JournalKind.ServerSideBatch => "cosqe batch --server-side",
        _ => "cosqe analyze",
    };
}
