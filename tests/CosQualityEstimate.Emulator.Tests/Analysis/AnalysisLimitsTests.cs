using CosQualityEstimate.Emulator.Analysis;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>
/// Issue 17 §3, last bullet: the ETag cache of analysis outcomes is bounded (least recently used dropped first),
/// analysis concurrency is an option, and disposing the emulator cancels the running analyses and waits for them.
/// The analyzer is scripted; the clock is fake.
/// </summary>
public sealed class AnalysisLimitsTests
{
    [Fact]
    public async Task Cache_KeepsTheMostRecentlyUsedOutcomes_UpToItsSize_DroppedContentIsAnalysedAgain()
    {
        var analyzer = new ScriptedAnalyzer();
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.AnalyseWith(analyzer);
            o.LocalAnalysisCacheSize = 2;
        });
        await AnalysisHarness.PutObjectAsync(emu, "input/a.mp4", "aaaaaaaaaa");
        await AnalysisHarness.PutObjectAsync(emu, "input/b.mp4", "bbbbbbbbbbbbbbbbbbbb");
        await AnalysisHarness.PutObjectAsync(emu, "input/c.mp4", "cccccccccccccccccccccccccccccc");

        // a, b, c: a is dropped. c (kept) is a hit; a again is analysed again and drops b; c stays a hit.
        var ids = new List<string>();
        foreach (var key in new[] { "a", "b", "c", "c", "a", "c" })
        {
            ids.Add(await emu.SubmitJobIdAsync($"input/{key}.mp4", "vqaPlus"));
            await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.InRange(emu.Emulator.CachedAnalysisCount, 1, 2);
        }

        Assert.Equal(["aaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccccccc", "aaaaaaaaaa"], analyzer.Contents);
        Assert.Equal(2, emu.Emulator.CachedAnalysisCount);

        ids.Add(await emu.SubmitJobIdAsync("input/b.mp4", "vqaPlus")); // b was dropped when a came back
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, analyzer.Contents.Count);
        Assert.Equal(2, emu.Emulator.CachedAnalysisCount);

        // Every job still got its own content's result.
        emu.Time.Advance(TimeSpan.FromSeconds(5));
        var scores = (await emu.GetJobsAsync(string.Join(',', ids))).Jobs
            .Select(j => (Key: j.Element("Input")!.Element("Object")!.Value, Score: j.Element("Operation")!.Element("QualityEstimate")!.Element("Score")!.Value))
            .Distinct()
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        Assert.Equal([("input/a.mp4", "1.0"), ("input/b.mp4", "2.0"), ("input/c.mp4", "3.0")], scores);
    }

    [Fact]
    public void Cache_Unit_DropsTheLeastRecentlyUsed_AndRefusesSizeZero()
    {
        var cache = new AnalysisCache(2);
        var one = Task.FromResult(AnalysisOutcome.Unavailable);
        var two = Task.FromResult(AnalysisOutcome.Unavailable);
        var three = Task.FromResult(AnalysisOutcome.Unavailable);

        cache.Add("1", one);
        cache.Add("2", two);
        Assert.True(cache.TryGet("1", out var hit)); // 1 is now the most recently used
        Assert.Same(one, hit);
        cache.Add("3", three);

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("2", out _));
        Assert.True(cache.TryGet("1", out _));
        Assert.True(cache.TryGet("3", out _));
        cache.Remove("1");
        Assert.Equal(1, cache.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisCache(0));
    }

    [Fact]
    public async Task Concurrency_AtMostTheConfiguredNumberOfAnalysesRunAtOnce()
    {
        var analyzer = new CountingAnalyzer(expectedEntries: 2);
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.AnalyseWith(analyzer);
            o.LocalAnalysisConcurrency = 2;
        });
        for (var i = 0; i < 3; i++)
        {
            await AnalysisHarness.PutObjectAsync(emu, $"input/{i}.mp4", new string('x', i + 1));
            await emu.SubmitJobIdAsync($"input/{i}.mp4", "vqaPlus");
        }

        await analyzer.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Two run and hold their slots until released; the third waits for a slot, so it cannot have entered.
        Assert.Equal(2, analyzer.EnteredCount);
        analyzer.Release.SetResult();
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, analyzer.EnteredCount);
        Assert.Equal(2, analyzer.MaxRunning);
    }

    [Fact]
    public async Task Dispose_CancelsTheRunningAnalysis_AndWaitsForItToEnd()
    {
        var analyzer = new CancellationObservingAnalyzer();
        var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        await using (emu)
        {
            await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "video bytes");
            await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
            var copy = await analyzer.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var disposing = emu.Emulator.DisposeAsync().AsTask();
            await analyzer.CancellationSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // The analysis has seen the cancellation but has not ended yet: dispose is still waiting for it.
            Assert.False(disposing.IsCompleted);
            Assert.True(File.Exists(copy));
            analyzer.MayEnd.SetResult();
            await disposing.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(analyzer.Ended);
            Assert.False(File.Exists(copy)); // the analyzer's private copy is deleted before dispose returns
        }
    }

    [Fact]
    public async Task AfterDispose_NoAnalysisStarts()
    {
        var analyzer = new ScriptedAnalyzer();
        var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        await using (emu)
        {
            await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "video bytes");
            await emu.Emulator.DisposeAsync();
            await emu.Emulator.DisposeAsync(); // twice is fine

            Assert.Empty(analyzer.Contents);
        }
    }

    /// <summary>Counts the analyses that run at the same time; each holds its slot until <see cref="Release"/>.</summary>
    private sealed class CountingAnalyzer(int expectedEntries) : LocalVideoAnalyzer
    {
        private int _running;
        private int _entered;
        private int _maxRunning;

        internal TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal int EnteredCount => Volatile.Read(ref _entered);

        internal int MaxRunning => Volatile.Read(ref _maxRunning);

        public override async Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
        {
            var running = Interlocked.Increment(ref _running);
            int max;
            while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
            {
            }

            if (Interlocked.Increment(ref _entered) == expectedEntries)
            {
                Entered.SetResult();
            }

            try
            {
                await Release.Task.WaitAsync(cancellationToken);
                return AnalysisHarness.Result((await File.ReadAllTextAsync(path, cancellationToken)).Length);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    /// <summary>Runs until cancelled, then waits for <see cref="MayEnd"/> before ending (a slow ffmpeg shutdown).</summary>
    private sealed class CancellationObservingAnalyzer : LocalVideoAnalyzer
    {
        private volatile bool _ended;

        internal TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource CancellationSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource MayEnd { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal bool Ended => _ended;

        public override async Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
        {
            Started.SetResult(path);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                throw new InvalidOperationException("unreachable: the delay is infinite");
            }
            catch (OperationCanceledException)
            {
                CancellationSeen.SetResult();
                await MayEnd.Task;
                _ended = true;
                throw;
            }
        }
    }
}
