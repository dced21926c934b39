namespace CosQualityEstimate.Jobs;

/// <summary>
/// How to wait for a job: the first poll interval grows by <see cref="BackoffFactor"/> up to <see cref="MaxInterval"/>,
/// and the whole wait gives up after <see cref="Timeout"/> with a <see cref="TimeoutException"/>.
/// </summary>
public sealed class JobPollingOptions
{
    /// <summary>Interval before the first status check; default 1 second.</summary>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the interval; default 15 seconds.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Growth of the interval after each check that finds the job unfinished; default 1.5.</summary>
    public double BackoffFactor { get; set; } = 1.5;

    /// <summary>Overall limit of the wait; default 30 minutes. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits until cancelled.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    internal void Validate()
    {
        if (InitialInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("polling.InitialInterval", InitialInterval, "InitialInterval must be positive.");
        }

        if (MaxInterval < InitialInterval)
        {
            throw new ArgumentOutOfRangeException("polling.MaxInterval", MaxInterval, "MaxInterval must be at least InitialInterval.");
        }

        if (double.IsNaN(BackoffFactor) || BackoffFactor < 1)
        {
            throw new ArgumentOutOfRangeException("polling.BackoffFactor", BackoffFactor, "BackoffFactor must be at least 1.");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException("polling.Timeout", Timeout, "Timeout must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}
