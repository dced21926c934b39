namespace CosQualityEstimate.Cli.Batch.ServerSide;

/// <summary>Settings of one <c>cosqe batch --server-side</c> run.</summary>
internal sealed class ServerSideBatchOptions
{
    /// <summary>The batch input; <see langword="null"/> to continue the journal's batch.</summary>
    public BatchInputKind? InputKind { get; init; }

    /// <summary>The prefix or manifest key (for <c>UrlFile</c>: the keys source, shown in messages only).</summary>
    public string? Input { get; init; }

    /// <summary>For <c>--keys</c>: reads the keys; they are written as a URL file to the bucket before the create.</summary>
    public Func<CancellationToken, IAsyncEnumerable<string>>? ReadKeys { get; init; }

    /// <summary><c>Operation/JobLevel</c>, or <see langword="null"/>.</summary>
    public int? Level { get; init; }

    /// <summary>Return once the batch exists; a later run collects its jobs.</summary>
    public bool NoWait { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On a rerun whose previous run may have sent the create, how long after that send a look-up that found nothing is trusted.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one send of the create can stay in flight: the client's <see cref="Jobs.CosRetryOptions.OverallTimeout"/>
    /// (every attempt of one pipeline run). A rerun trusts a look-up that found nothing only after the previous run's last
    /// recorded send + <see cref="SendRefresh"/> + this + <see cref="Settle"/>.
    /// </summary>
    public TimeSpan CreateWindow { get; init; } = new Jobs.CosRetryOptions().OverallTimeout;

    /// <summary>How often the recorded send time is refreshed while the library's create (with its possible resends) runs.</summary>
    public TimeSpan SendRefresh { get; init; } = TimeSpan.FromSeconds(1);
}
