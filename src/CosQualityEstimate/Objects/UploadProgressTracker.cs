namespace CosQualityEstimate.Objects;

/// <summary>Thread-safe byte counter that reports to an <see cref="IProgress{T}"/> about every 1 MB and at the end.</summary>
internal sealed class UploadProgressTracker
{
    private const long ReportEvery = 1024 * 1024;

    private readonly IProgress<UploadProgress> _progress;
    private readonly long _total;
    private long _transferred;
    private long _lastReported = -ReportEvery;

    internal UploadProgressTracker(IProgress<UploadProgress> progress, long total)
    {
        _progress = progress;
        _total = total;
    }

    internal void Add(long bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        var now = Interlocked.Add(ref _transferred, bytes);
        var last = Interlocked.Read(ref _lastReported);
        if (Math.Abs(now - last) >= ReportEvery && Interlocked.CompareExchange(ref _lastReported, now, last) == last)
        {
            _progress.Report(new UploadProgress(now, _total));
        }
    }

    /// <summary>Reports the final state once everything is stored.</summary>
    internal void Complete()
    {
        Interlocked.Exchange(ref _transferred, _total);
        _progress.Report(new UploadProgress(_total, _total));
    }
}
