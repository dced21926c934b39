using System.Diagnostics;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Frames;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Runs the one ffmpeg pass of <see cref="AnalysisGraph"/> in a private temporary directory: stdout (gray frames) goes
/// to the <see cref="FrameWorker"/>, stderr to the <see cref="DecoderLog"/>, both read concurrently; cancellation
/// kills ffmpeg's process tree; the directory is deleted afterwards. Then the metadata files are read into
/// <see cref="AnalysisData"/>.
/// </summary>
internal static class AnalysisRun
{
    /// <summary>Tests only: told the path of each private directory this flow creates, so a test can check that its
    /// own directory is removed without racing other processes' analyses in the shared temporary folder.</summary>
    internal static readonly AsyncLocal<Action<string>?> DirectoryCreated = new();

    public static async Task<AnalysisData> RunAsync(
        FfmpegTools tools, MediaProbe probe, string inputUrl, string displayName, LocalAnalysisThresholds thresholds, CancellationToken cancellationToken)
    {
        var graph = AnalysisGraph.Build(probe, inputUrl, thresholds, tools.HasVidstab);
        if (!graph.TracesSliceHeaders)
        {
            return await RunGraphAsync(tools, graph, probe, inputUrl, displayName, thresholds, traceRefused: false, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await RunGraphAsync(tools, graph, probe, inputUrl, displayName, thresholds, traceRefused: false, cancellationToken).ConfigureAwait(false);
        }
        catch (SliceHeaderTraceRefusedException) when (!cancellationToken.IsCancellationRequested)
        {
            // The slice-header trace is an extra output whose bitstream filter parses the parameter sets more strictly
            // than the decoder (cbs refuses, for instance, an SPS whose VUI the decoder reads with "Overread VUI"), and
            // ffmpeg then fails the whole command. A file the decoder reads must not fail for the QP: analyse it again
            // without the trace (no QP is read, so the no-QP model variant scores it, and a note says why). Only a
            // failure whose log names the bitstream filter is retried; any other failure is reported as it is.
            var plain = AnalysisGraph.Build(probe, inputUrl, thresholds, tools.HasVidstab, traceSliceHeaders: false);
            return await RunGraphAsync(tools, plain, probe, inputUrl, displayName, thresholds, traceRefused: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a failed run's log says the slice-header trace's bitstream filter failed (ffmpeg: "Error
    /// initializing bitstream filter: trace_headers", or the filter's own lines).</summary>
    internal static bool NamesTheTrace(IEnumerable<string> lastLines) => lastLines.Any(line =>
        line.Contains("bitstream filter", StringComparison.OrdinalIgnoreCase) || line.Contains("trace_headers", StringComparison.Ordinal));

    /// <summary>The run with the slice-header trace failed because of the trace (<see cref="NamesTheTrace"/>).</summary>
    private sealed class SliceHeaderTraceRefusedException : Exception
    {
    }

    private static async Task<AnalysisData> RunGraphAsync(
        FfmpegTools tools, AnalysisGraph graph, MediaProbe probe, string inputUrl, string displayName, LocalAnalysisThresholds thresholds, bool traceRefused, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cosqe-analysis-" + Guid.NewGuid().ToString("N")));
        DirectoryCreated.Value?.Invoke(directory.FullName);
        try
        {
            var log = new DecoderLog(probe.VideoCodec, probe.VideoTimeBase);
            var worker = graph.HasVideo
                ? new FrameWorker(graph.GrayWidth, graph.GrayHeight, measureBlockiness: graph.GrayWidth == probe.Width, thresholds)
                : null;
            var exitCode = await RunProcessAsync(tools, graph, directory.FullName, log, worker, cancellationToken).ConfigureAwait(false);
            log.Complete();
            if (exitCode != 0 && graph.TracesSliceHeaders && NamesTheTrace(log.LastLines))
            {
                throw new SliceHeaderTraceRefusedException();
            }

            if (exitCode != 0)
            {
                throw FfmpegExit.ToAnalysisException(exitCode, log.LastLines, FfmpegReason.FromLines(log.LastLines, inputUrl), displayName);
            }

            return Collect(directory.FullName, probe, graph, log, worker, traceRefused);
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file still held open (Windows) is left to the OS's temp cleanup.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }

    private static async Task<int> RunProcessAsync(
        FfmpegTools tools, AnalysisGraph graph, string workingDirectory, DecoderLog log, FrameWorker? worker, CancellationToken cancellationToken)
    {
        var info = ToolProcess.StartInfo(tools.FfmpegPath, graph.Arguments, workingDirectory);
        using var process = ToolProcess.Start(info);
        using var registration = cancellationToken.Register(static p => ToolProcess.KillTree((Process)p!), process);
        try
        {
            var stderr = Task.Run(
                async () =>
                {
                    while (await process.StandardError.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                    {
                        log.Add(line);
                    }
                },
                cancellationToken);
            var stdout = ReadStdoutAsync(process, worker, cancellationToken);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested(); // killed by the registration: not an unreadable file
            return process.ExitCode;
        }
        catch
        {
            ToolProcess.KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Feeds stdout to the worker; if that fails, kills ffmpeg at once (it would otherwise block on a full pipe
    /// while the log reader waits for it to exit).</summary>
    private static async Task ReadStdoutAsync(Process process, FrameWorker? worker, CancellationToken cancellationToken)
    {
        try
        {
            var stream = process.StandardOutput.BaseStream;
            await (worker is null ? stream.CopyToAsync(Stream.Null, cancellationToken) : worker.RunAsync(stream, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            ToolProcess.KillTree(process);
            throw;
        }
    }

    private static AnalysisData Collect(string directory, MediaProbe probe, AnalysisGraph graph, DecoderLog log, FrameWorker? worker, bool traceRefused)
    {
        var video = new List<VideoSample>();
        var blackSpans = new List<TimeSpanSeconds>();
        double? blackStart = null;
        foreach (var frame in MetadataFileReader.Read(Path.Combine(directory, AnalysisGraph.VideoMetadataFile)))
        {
            video.Add(new VideoSample(
                frame.Time,
                frame.Number("lavfi.signalstats.YAVG"),
                frame.Number("lavfi.signalstats.YHIGH") - frame.Number("lavfi.signalstats.YLOW"),
                frame.Number("lavfi.signalstats.UHIGH") - frame.Number("lavfi.signalstats.ULOW"),
                frame.Number("lavfi.signalstats.VHIGH") - frame.Number("lavfi.signalstats.VLOW"),
                Crop(frame),
                null)
            {
                YLow = frame.Number("lavfi.signalstats.YLOW"),
                YHigh = frame.Number("lavfi.signalstats.YHIGH"),
                YDif = frame.Number("lavfi.signalstats.YDIF"),
            });
            if (!double.IsNaN(frame.Number("lavfi.black_start")))
            {
                blackStart = frame.Number("lavfi.black_start");
            }

            if (blackStart is { } open && !double.IsNaN(frame.Number("lavfi.black_end")))
            {
                blackSpans.Add(new TimeSpanSeconds(open, frame.Number("lavfi.black_end")));
                blackStart = null;
            }
        }

        var lastVideoTime = video.Count > 0 ? video[^1].Time : 0;
        var step = AnalysisData.Step(video.Select(v => v.Time), NominalInterval(probe.FramesPerSecond, graph.StatisticsFrameStep));
        var duration = probe.DurationSeconds > 0 ? probe.DurationSeconds : lastVideoTime + step;
        if (blackStart is { } stillBlack)
        {
            blackSpans.Add(new TimeSpanSeconds(stillBlack, duration));
        }

        var index = 0;
        foreach (var frame in MetadataFileReader.Read(Path.Combine(directory, AnalysisGraph.WhiteEdgeMetadataFile)))
        {
            if (index < video.Count)
            {
                video[index] = video[index] with { WhiteCrop = Crop(frame) };
            }

            index++;
        }

        var blur = MetadataFileReader.Read(Path.Combine(directory, AnalysisGraph.BlurMetadataFile))
            .Select(f => (f.Time, f.Number("lavfi.blur")))
            .ToList();

        List<(double Time, double Dx, double Dy)>? motion = null;
        if (graph.WithMotion)
        {
            // .trf frame n (from 1) is the n-th frame vidstabdetect saw; MotionTimesFile has that frame's presentation time.
            var times = Times(Path.Combine(directory, AnalysisGraph.MotionTimesFile));
            motion = MotionFileReader.Read(Path.Combine(directory, AnalysisGraph.MotionFile))
                .Take(times.Count)
                .Select((m, i) => (times[i], m.Dx * AnalysisGraph.MotionScale, m.Dy * AnalysisGraph.MotionScale))
                .Where(m => !double.IsNaN(m.Item1))
                .ToList();
        }

        var (audio, silences) = ReadAudio(directory, duration);
        var gray = Retime(worker?.Metrics ?? [], Times(Path.Combine(directory, AnalysisGraph.GrayTimesFile)));
        var grayInterval = 1 / FrameWorker.FramesPerSecond;
        return new AnalysisData
        {
            SliceHeaderTraceRefused = traceRefused,
            DurationSeconds = duration,
            HasVideo = probe.HasVideo,
            HasAudio = probe.HasAudio,
            SourceWidth = probe.Width,
            SourceHeight = probe.Height,
            VideoBitRate = probe.VideoBitRate,
            VideoCodec = probe.VideoCodec,
            FramesPerSecond = probe.FramesPerSecond,
            AnalysisWidth = graph.AnalysisWidth,
            AnalysisHeight = graph.AnalysisHeight,
            GrayWidth = graph.GrayWidth,
            GrayHeight = graph.GrayHeight,
            Video = video,
            VideoInterval = step,
            BlackSpans = blackSpans,
            Blur = blur,
            BlurInterval = AnalysisData.Step(blur.Select(b => b.Item1), step * graph.BlurFrameStep),
            Gray = gray,
            GrayInterval = grayInterval,
            CodeInterval = grayInterval * FrameWorker.CodeFrameStep,
            DecoderErrorTimes = log.ErrorTimes,
            Quantizers = log.Quantizers,
            DecoderMessages = log.Messages,
            Motion = motion,
            MotionInterval = AnalysisData.Step((motion ?? []).Select(m => m.Time), step / graph.StatisticsFrameStep),
            Audio = audio,
            AudioInterval = (double)graph.AudioWindowSamples / AnalysisGraph.AudioSampleRate,
            Silences = silences,
        };
    }

    /// <summary>The presentation time of each frame a <see cref="AnalysisGraph.Stamp"/> file lists, in order.</summary>
    private static List<double> Times(string path) => MetadataFileReader.Read(path).Select(f => f.Time).ToList();

    /// <summary>
    /// Gives each gray frame its presentation time (the frame worker numbers them; ffmpeg's <c>fps</c> filter, not the
    /// index, decides which picture each one is, and the video may start later than the file). A frame the times file
    /// does not list (it should list all) continues from the last listed one at the gray frames' rate.
    /// </summary>
    private static List<GrayFrameMetrics> Retime(IReadOnlyList<GrayFrameMetrics> frames, List<double> times)
    {
        var retimed = new List<GrayFrameMetrics>(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            var time = i < times.Count && double.IsFinite(times[i])
                ? times[i]
                : (retimed.Count > 0 ? retimed[^1].Time : 0) + (i == 0 ? 0 : 1 / FrameWorker.FramesPerSecond);
            var frame = frames[i];
            retimed.Add(frame with { Time = time, Perceptual = frame.Perceptual is { } p ? p with { Time = time } : null });
        }

        return retimed;
    }

    /// <summary>The statistics branch's sample interval by the nominal frame rate, for a clip too short to measure it.</summary>
    private static double NominalInterval(double framesPerSecond, int frameStep) =>
        framesPerSecond > 0 ? frameStep / framesPerSecond : 0.04 * frameStep;

    private static (List<AudioWindow> Audio, List<TimeSpanSeconds> Silences) ReadAudio(string directory, double duration)
    {
        var audio = new List<AudioWindow>();
        var silences = new List<TimeSpanSeconds>();
        double? silenceStart = null;
        foreach (var frame in MetadataFileReader.Read(Path.Combine(directory, AnalysisGraph.AudioMetadataFile)))
        {
            audio.Add(new AudioWindow(frame.Time, frame.Number("lavfi.astats.Overall.RMS_level"), frame.Number("lavfi.astats.Overall.Peak_level"), 0));
            var start = frame.Number("lavfi.silence_start");
            if (!double.IsNaN(start))
            {
                silenceStart = Math.Max(0, start);
            }

            var end = frame.Number("lavfi.silence_end");
            if (silenceStart is { } open && !double.IsNaN(end))
            {
                silences.Add(new TimeSpanSeconds(open, end));
                silenceStart = null;
            }
        }

        if (silenceStart is { } stillSilent && duration > stillSilent)
        {
            silences.Add(new TimeSpanSeconds(stillSilent, duration));
        }

        var index = 0;
        foreach (var frame in MetadataFileReader.Read(Path.Combine(directory, AnalysisGraph.ClippingMetadataFile)))
        {
            if (index < audio.Count)
            {
                var share = frame.Number("lavfi.astats.Overall.DC_offset");
                audio[index] = audio[index] with { ClippedShare = double.IsFinite(share) ? share : 0 };
            }

            index++;
        }

        return (audio, silences);
    }

    private static PixelBox? Crop(MetadataFrame frame)
    {
        var x1 = frame.Number("lavfi.cropdetect.x1");
        var x2 = frame.Number("lavfi.cropdetect.x2");
        var y1 = frame.Number("lavfi.cropdetect.y1");
        var y2 = frame.Number("lavfi.cropdetect.y2");
        return double.IsNaN(x1) || double.IsNaN(x2) || double.IsNaN(y1) || double.IsNaN(y2)
            ? null
            : new PixelBox((int)x1, (int)y1, (int)x2, (int)y2);
    }
}
