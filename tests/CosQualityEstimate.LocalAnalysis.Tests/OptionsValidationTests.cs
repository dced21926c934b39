using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.LocalAnalysis.Scoring;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>Issue 17 §2: options validated (clients' wording) and copied at construction; weights and couplings in one place.</summary>
[Collection(ClipsCollection.Name)]
public sealed class OptionsValidationTests(TestClips clips)
{
    [Fact]
    public void MinSegmentSeconds_negative_throws_at_construction_naming_the_option()
    {
        var options = new LocalAnalysisOptions { Thresholds = new LocalAnalysisThresholds { MinSegmentSeconds = -1 } };

        var error = Assert.Throws<ArgumentException>(() => new LocalVideoAnalyzer(options));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("Invalid LocalAnalysisOptions: Thresholds.MinSegmentSeconds must be between 0 and 3600 (was -1).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_plan_value_out_of_range_is_refused_too()
    {
        var options = new LocalAnalysisOptions { Thresholds = new LocalAnalysisThresholds { Plan = { MosaicTileSize = 0 } } };

        var error = Assert.Throws<ArgumentException>(() => new LocalVideoAnalyzer(options));

        Assert.StartsWith("Invalid LocalAnalysisOptions: Thresholds.Plan.MosaicTileSize must be between 16 and 512 (was 0).", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every number in <see cref="LocalAnalysisThresholds"/> and its internal <see cref="AnalysisPlan"/> is
    /// validated: a NaN (or a negative count) in any of them is refused at construction, naming it — a threshold added
    /// later without a declaration fails here.</summary>
    [Fact]
    public void Every_threshold_is_validated()
    {
        var properties = typeof(LocalAnalysisThresholds).GetProperties().Select(p => (Owner: "Thresholds.", Property: p))
            .Concat(typeof(AnalysisPlan).GetProperties().Select(p => (Owner: "Thresholds.Plan.", Property: p)))
            .Where(x => x.Property.CanWrite && (x.Property.PropertyType == typeof(double) || x.Property.PropertyType == typeof(int)))
            .ToList();
        Assert.Equal(72, properties.Count);
        var missing = new List<string>();
        foreach (var (owner, property) in properties)
        {
            var thresholds = new LocalAnalysisThresholds();
            object target = property.DeclaringType == typeof(AnalysisPlan) ? thresholds.Plan : thresholds;
            property.SetValue(target, property.PropertyType == typeof(double) ? (object)double.NaN : int.MinValue);
            var options = new LocalAnalysisOptions { Thresholds = thresholds };
            try
            {
                _ = new LocalVideoAnalyzer(options);
                missing.Add(owner + property.Name);
            }
            catch (ArgumentException e) when (e.Message.Contains(owner + property.Name + " ", StringComparison.Ordinal))
            {
            }
        }

        Assert.Empty(missing);
    }

    /// <summary>Issue 22 §5: the public surface a release freezes is the bars that decide a finding and the score's
    /// weights (about 30); the graph's sizes, sampling, vidstab parameters, confidences and severity factors are internal.</summary>
    [Fact]
    public void Only_the_deciding_thresholds_are_public()
    {
        var publicNames = typeof(LocalAnalysisThresholds).GetProperties().Where(p => p.GetMethod!.IsPublic).Select(p => p.Name).ToHashSet();

        Assert.Equal(32, publicNames.Count);
        Assert.Contains("BlurAbsolute", publicNames);
        Assert.Contains("LowEvaluationScore", publicNames);
        Assert.Contains("BlackWhiteEdgeWeight", publicNames);
        foreach (var moved in new[] { "AnalysisMaxWidth", "GrayFrameMaxWidth", "MosaicTileSize", "MotionShakiness", "MotionAccuracy", "AudioWindowSeconds", "NoiseSeverityFactor", "EdgeConfidence" })
        {
            Assert.DoesNotContain(moved, publicNames);
            Assert.NotNull(typeof(AnalysisPlan).GetProperty(moved));
        }
    }

    /// <summary>Each threshold is declared once: the property starts at its declaration's default, the declaration's
    /// default lies in its range, and every declaration names a real property (no second list to drift).</summary>
    [Fact]
    public void Declarations_give_the_defaults_and_name_real_properties()
    {
        var defaults = new LocalAnalysisThresholds();
        Assert.Equal(72, ThresholdDeclarations.All.Count);
        Assert.Equal(ThresholdDeclarations.All.Count, ThresholdDeclarations.All.Select(d => d.Name).Distinct().Count());
        foreach (var declaration in ThresholdDeclarations.All)
        {
            Assert.Equal(declaration.Default, declaration.Read(defaults));
            Assert.InRange(declaration.Default, declaration.Min, declaration.Max);
            var owner = declaration.Scope == ThresholdScope.Public ? typeof(LocalAnalysisThresholds) : typeof(AnalysisPlan);
            Assert.NotNull(owner.GetProperty(declaration.Name));
        }

        Assert.Equal(13.0, ThresholdDeclarations.BlurAbsolute.Default);
        Assert.Equal("Thresholds.Plan.MosaicTileSize", ThresholdDeclarations.MosaicTileSize.Path);
    }

    [Fact]
    public void A_copy_of_the_thresholds_copies_the_plan()
    {
        var original = new LocalAnalysisThresholds();
        var copy = original.Clone();

        copy.Plan.MosaicTileSize = 32;
        copy.BlurAbsolute = 20;

        Assert.Equal(64, original.Plan.MosaicTileSize);
        Assert.Equal(13.0, original.BlurAbsolute);
    }

    [Fact]
    public void Every_problem_is_listed_in_one_error()
    {
        var options = new LocalAnalysisOptions
        {
            FfmpegPath = " ",
            Thresholds = new LocalAnalysisThresholds
            {
                NoiseSigma = -1,
                BlurWeight = -1,
                Plan = { MosaicMinTiles = 0, AudioWindowSeconds = double.NaN, BlackPixelThreshold = 2 },
            },
        };

        var message = Assert.Throws<ArgumentException>(() => new LocalVideoAnalyzer(options)).Message;

        Assert.Contains("FfmpegPath must not be empty", message, StringComparison.Ordinal);
        Assert.Contains("Thresholds.NoiseSigma must be a finite number, 0 or more (was -1).", message, StringComparison.Ordinal);
        Assert.Contains("Thresholds.BlurWeight must be between 0 and 10 (was -1).", message, StringComparison.Ordinal);
        Assert.Contains("Thresholds.Plan.MosaicMinTiles must be between 1 and 10000 (was 0).", message, StringComparison.Ordinal);
        Assert.Contains("Thresholds.Plan.AudioWindowSeconds must be between 0.02 and 1 (was NaN).", message, StringComparison.Ordinal);
        Assert.Contains("Thresholds.Plan.BlackPixelThreshold must be between 0 and 1 (was 2).", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_thresholds_throw()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalVideoAnalyzer(new LocalAnalysisOptions { Thresholds = null! }));

        Assert.Contains("Thresholds must not be null.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(LocalAnalysisOptionsValidator.GetErrors(new LocalAnalysisOptions()));
    }

    [Fact]
    public async Task Options_are_copied_a_later_change_has_no_effect()
    {
        var options = new LocalAnalysisOptions();
        var analyzer = new LocalVideoAnalyzer(options);
        options.FfmpegPath = Path.Combine(clips.Directory, "nowhere", "ffmpeg");
        options.Thresholds.Plan.MosaicTileSize = 0; // would loop if it were read

        var result = await analyzer.AnalyzeAsync(clips.Get("clean"));

        // Analysed with the options as they were (a tile size of 0 would loop; a missing ffmpeg would throw).
        Assert.NotNull(result.Breakdown);
        Assert.Equal(0, result.Breakdown!.DefectPenalty);
    }

    [Fact]
    public void Score_weights_come_from_the_thresholds()
    {
        Finding[] blur = [new Finding(QualityIssueType.Blur, 0, 10, 90)];

        Assert.Equal(5.0, QualityScore.Compute(blur, 10, true, new LocalAnalysisThresholds()));
        Assert.Equal(8.0, QualityScore.Compute(blur, 10, true, new LocalAnalysisThresholds { BlurWeight = 2 }));
        Assert.Equal(10.0, QualityScore.Compute(blur, 10, true, new LocalAnalysisThresholds { BlurWeight = 0 }));
        Assert.Equal(50, QualityScore.LowEvaluationConfidence(6, new LocalAnalysisThresholds()));
        Assert.Equal(100, QualityScore.LowEvaluationConfidence(0, new LocalAnalysisThresholds()));
        Assert.Equal(70, QualityScore.LowEvaluationConfidence(6, new LocalAnalysisThresholds { Plan = { LowEvaluationMinConfidence = 70 } }));
    }

    [Theory]
    [InlineData(25.0, 6, 2)]
    [InlineData(30.0, 8, 2)]
    [InlineData(60.0, 15, 2)]
    [InlineData(12.0, 3, 2)]
    [InlineData(2.0, 1, 1)]
    [InlineData(0.0, 2, 2)]
    public void Frame_steps_derive_from_the_source_rate(double fps, int statisticsStep, int blurStep)
    {
        var graph = AnalysisGraph.Build(Probe(fps), "file:x.mp4", new LocalAnalysisThresholds(), withMotion: true);

        Assert.Equal(statisticsStep, graph.StatisticsFrameStep);
        Assert.Equal(blurStep, graph.BlurFrameStep);
        var filter = graph.Arguments[graph.Arguments.ToList().IndexOf("-filter_complex") + 1];
        Assert.Contains($"[vs]framestep={statisticsStep},scale=", filter, StringComparison.Ordinal);
        Assert.Contains($"[mb]framestep={blurStep},blurdetect", filter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, 4800)]
    [InlineData(0.25, 12000)]
    public void Audio_window_of_the_graph_is_the_thresholds_window(double window, int samples)
    {
        var graph = AnalysisGraph.Build(Probe(25), "file:x.mp4", new LocalAnalysisThresholds { Plan = { AudioWindowSeconds = window } }, withMotion: false);

        var filter = graph.Arguments[graph.Arguments.ToList().IndexOf("-filter_complex") + 1];
        Assert.Contains($"asetnsamples=n={samples}:p=0", filter, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_filters_take_their_settings_from_the_thresholds()
    {
        var defaults = Filter(new LocalAnalysisThresholds());
        Assert.Contains("blackdetect=d=0.3:", defaults, StringComparison.Ordinal);
        Assert.Contains("shakiness=5:accuracy=9:", defaults, StringComparison.Ordinal);

        var changed = Filter(new LocalAnalysisThresholds { Plan = { BlackMinSeconds = 0.5, MotionShakiness = 7, MotionAccuracy = 12 } });
        Assert.Contains("blackdetect=d=0.5:", changed, StringComparison.Ordinal);
        Assert.Contains("shakiness=7:accuracy=12:", changed, StringComparison.Ordinal);

        static string Filter(LocalAnalysisThresholds t)
        {
            var graph = AnalysisGraph.Build(Probe(25), "file:x.mp4", t, withMotion: true);
            return graph.Arguments[graph.Arguments.ToList().IndexOf("-filter_complex") + 1];
        }
    }

    [Theory]
    [InlineData(25)]
    [InlineData(0)]
    public void Gray_frame_rate_of_the_graph_is_the_frame_worker_s(double sourceFps)
    {
        // The frame worker times gray frames at FrameWorker.FramesPerSecond: the graph's fps= filter must produce exactly that.
        var graph = AnalysisGraph.Build(Probe(sourceFps), "file:x.mp4", new LocalAnalysisThresholds(), withMotion: false);

        var filter = graph.Arguments[graph.Arguments.ToList().IndexOf("-filter_complex") + 1];
        var rates = System.Text.RegularExpressions.Regex.Matches(filter, @"(?<![a-z_])fps=(?:fps=)?([0-9.]+)")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(new[] { (double)Frames.FrameWorker.FramesPerSecond }, rates);
    }

    private static MediaProbe Probe(double fps) => new()
    {
        HasVideo = true,
        HasAudio = true,
        Width = 1280,
        Height = 720,
        FramesPerSecond = fps,
        DurationSeconds = 30,
    };
}
