namespace CosQualityEstimate.Cli.Batch.ServerSide;

/// <summary>What a server-side batch runs over; the journal stores the name (<c>Prefix</c>, <c>Manifest</c>, <c>UrlFile</c>).</summary>
internal enum BatchInputKind
{
    /// <summary><c>--prefix</c>: every object under a key prefix.</summary>
    Prefix,

    /// <summary><c>--manifest</c>: the objects of a COS inventory manifest.</summary>
    Manifest,

    /// <summary><c>--keys</c>: the keys written as a URL file to the bucket.</summary>
    UrlFile,
}

/// <summary>The journal's spelling of <see cref="BatchInputKind"/>, read strictly (an unknown value is an error, never a prefix).</summary>
internal static class BatchInputKinds
{
    internal static string Name(BatchInputKind kind) => kind switch
    {
        BatchInputKind.Prefix => "Prefix",
        BatchInputKind.Manifest => "Manifest",
        BatchInputKind.UrlFile => "UrlFile",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a journal row names; throws <see cref="CliUsageException"/> for a value this version does not know.</summary>
    internal static BatchInputKind Parse(string name, string journalPath) => name switch
    {
        "Prefix" => BatchInputKind.Prefix,
        "Manifest" => BatchInputKind.Manifest,
        "UrlFile" => BatchInputKind.UrlFile,
        _ => throw new CliUsageException($"{journalPath} holds a server-side batch over an input kind this cosqe does not know ('{name}'); use the cosqe that created it, or another --journal."),
    };
}
