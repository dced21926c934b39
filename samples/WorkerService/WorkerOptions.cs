namespace WorkerService;

/// <summary>What the worker analyses and how long it waits (section <c>Worker</c>).</summary>
internal sealed class WorkerOptions
{
    /// <summary>Object keys of the videos to estimate, in the configured bucket.</summary>
    public string[] ObjectKeys { get; set; } = [];

    /// <summary>First interval between polls of a job.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one job; keeps the sample bounded.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
