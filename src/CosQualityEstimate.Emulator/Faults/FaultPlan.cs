namespace CosQualityEstimate.Emulator.Faults;

/// <summary>What the fault layer does to one request, decided when it arrives.</summary>
internal sealed class FaultPlan
{
    internal static readonly FaultPlan None = new();

    /// <summary>The one-shot fault taken from the queue, if any.</summary>
    internal EmulatorFault? OneShot { get; init; }

    /// <summary>A probabilistic error status (with <see cref="ErrorCode"/>), or 0.</summary>
    internal int ErrorStatus { get; init; }

    internal string? ErrorCode { get; init; }

    internal bool DropBefore { get; init; }

    internal bool DropAfter { get; init; }

    /// <summary>Real-time latency added before processing.</summary>
    internal TimeSpan Latency { get; init; }

    /// <summary>Response body write rate in bytes per second; 0 writes at once.</summary>
    internal int SlowBodyBytesPerSecond { get; init; }
}
