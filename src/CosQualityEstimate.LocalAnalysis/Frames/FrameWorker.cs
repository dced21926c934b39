using System.Collections.Concurrent;
using System.Threading.Channels;
using CosQualityEstimate.LocalAnalysis.Detection;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Reads the 2 fps gray frames ffmpeg writes to stdout and measures them on a worker alongside ffmpeg. Between the two
/// sits a bounded channel of pooled, exactly-sized buffers: when the worker falls behind, the reader stops reading,
/// the pipe fills and ffmpeg waits, so memory stays at a few frames whatever the video's length.
/// </summary>
internal sealed class FrameWorker
{
    /// <summary>Gray frames per second of video.</summary>
    public const double FramesPerSecond = 2;

    /// <summary>Codes are read in every this-many-th gray frame (the others reuse its boxes).</summary>
    public const int CodeFrameStep = 2;

    /// <summary>Gray frames per second in which codes are read (what each read frame stands for in <c>CodeDetector</c>).</summary>
    public const double CodeFramesPerSecond = FramesPerSecond / CodeFrameStep;

    /// <summary>BRISQUE and NIQE are measured in every this-many-th gray frame (the odd ones: codes take the even ones),
    /// so about <see cref="FramesPerSecond"/> / this many a second.</summary>
    public const int PerceptualFrameStep = 2;

    private const int ChannelCapacity = 4;

    private readonly int _width;
    private readonly int _height;
    private readonly bool _measureBlockiness;
    private readonly LocalAnalysisThresholds _thresholds;
    private readonly ConcurrentBag<byte[]> _pool = [];
    private readonly CodeReader _codes = new();
    private readonly List<GrayFrameMetrics> _metrics = [];

    public FrameWorker(int width, int height, bool measureBlockiness, LocalAnalysisThresholds thresholds)
    {
        // A 0-byte frame would make the reader loop forever (every read of 0 bytes "succeeds").
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        _width = width;
        _height = height;
        _measureBlockiness = measureBlockiness;
        _thresholds = thresholds;
    }

    /// <summary>The measurements, in frame order (complete once <see cref="RunAsync"/> has finished).</summary>
    public IReadOnlyList<GrayFrameMetrics> Metrics => _metrics;

    /// <summary>Reads frames from <paramref name="stdout"/> until it ends and measures each; a trailing partial frame is ignored.</summary>
    public async Task RunAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<GrayFrame>(new BoundedChannelOptions(ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var consumer = Task.Run(
            async () =>
            {
                try
                {
                    await ConsumeAsync(channel.Reader, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Unblocks the reader (its next write fails) instead of leaving it waiting on a full channel.
                    channel.Writer.TryComplete(e);
                    throw;
                }
            },
            cancellationToken);
        try
        {
            await ProduceAsync(stdout, channel.Writer, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (consumer.IsFaulted || consumer.IsCanceled)
        {
            // The worker failed: its exception is the one to report (awaited below).
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        await consumer.ConfigureAwait(false);
    }

    private async Task ProduceAsync(Stream stdout, ChannelWriter<GrayFrame> writer, CancellationToken cancellationToken)
    {
        var size = _width * _height;
        for (var index = 0; ; index++)
        {
            var buffer = _pool.TryTake(out var pooled) ? pooled : new byte[size];
            var read = await stdout.ReadAtLeastAsync(buffer, size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < size)
            {
                return;
            }

            await writer.WriteAsync(new GrayFrame(index, index / FramesPerSecond, _width, _height, buffer), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ConsumeAsync(ChannelReader<GrayFrame> reader, CancellationToken cancellationToken)
    {
        await foreach (var frame in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                _metrics.Add(Measure(frame));
            }
            finally
            {
                _pool.Add(frame.Pixels);
            }
        }
    }

    private GrayFrameMetrics Measure(GrayFrame frame)
    {
        // Codes at CodeFramesPerSecond (every CodeFrameStep-th gray frame); the others reuse the last read boxes to mask their tiles.
        var readCodes = frame.Index % CodeFrameStep == 0;
        IReadOnlyList<DecodedCode> codes = readCodes ? [] : (_metrics.Count > 0 ? _metrics[^1].Codes : []);
        List<PixelBox> allTiles = [];
        double noise = 0, blockiness = double.NaN;
        var bars = BarMeter.Measure(frame, _thresholds.Plan.EdgeCropLimit, _thresholds.Plan.EdgeBarMaxStdDev);
        var measurePerceptual = frame.Index % PerceptualFrameStep == PerceptualFrameStep - 1;
        PerceptualSample? perceptual = null;

        // Speed (docs/performance.md): the five measurements only read the frame, so they run side by side; the frame
        // worker then keeps up with ffmpeg on a 2-core machine instead of making it wait.
        Parallel.Invoke(
            () =>
            {
                if (readCodes)
                {
                    codes = _codes.Read(frame);
                }
            },
            () => allTiles = PixelationFinder.FindTiles(frame, _thresholds.Plan.MosaicTileSize, _thresholds.Plan.MosaicMaxOffGridShare),
            () => noise = NoiseEstimator.Estimate(frame),
            () => blockiness = _measureBlockiness ? BlockinessMeter.Measure(frame) : double.NaN,
            () => perceptual = measurePerceptual ? PerceptualMeter.Measure(frame, bars) : null);

        var tiles = allTiles.Where(t => !codes.Any(c => c.Box.Overlaps(t))).ToList();
        PixelBox? pixelation = null;
        if (tiles.Count >= _thresholds.Plan.MosaicMinTiles)
        {
            pixelation = tiles.Aggregate((a, b) => a.Union(b));
        }

        return new GrayFrameMetrics
        {
            Time = frame.Time,
            NoiseSigma = noise,
            Blockiness = blockiness,
            Pixelation = pixelation,
            Bars = bars,
            Perceptual = perceptual,
            Codes = readCodes ? codes : [],
            CodesRead = readCodes,
        };
    }
}
