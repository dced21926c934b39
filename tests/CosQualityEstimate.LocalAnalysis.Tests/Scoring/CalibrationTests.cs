namespace CosQualityEstimate.LocalAnalysis.Tests.Scoring;

/// <summary><see cref="LocalScoreCalibration"/>: a monotone map with knots, written and read as JSON, refused when broken.</summary>
public sealed class CalibrationTests
{
    [Fact]
    public void Apply_interpolates_between_knots_and_is_flat_outside()
    {
        var calibration = new LocalScoreCalibration("test", [2, 6, 9], [1, 5, 8]);
        Assert.Equal(1.0, calibration.Apply(0));
        Assert.Equal(3.0, calibration.Apply(4));
        Assert.Equal(6.5, calibration.Apply(7.5));
        Assert.Equal(8.0, calibration.Apply(10));
    }

    [Fact]
    public void Json_round_trip_keeps_name_and_knots()
    {
        var calibration = new LocalScoreCalibration("catalog-2026", [1, 5, 9.5], [0.5, 6, 9]);
        var read = LocalScoreCalibration.Parse(calibration.ToJson());
        Assert.Equal("catalog-2026", read.Name);
        Assert.Equal(calibration.LocalScores, read.LocalScores);
        Assert.Equal(calibration.ServiceScores, read.ServiceScores);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"kind\":\"cosqe-score-calibration/1\",\"name\":\"x\",\"local\":[5,4],\"service\":[1,2]}")]
    [InlineData("{\"kind\":\"cosqe-score-calibration/1\",\"name\":\"x\",\"local\":[4,5],\"service\":[3,2]}")]
    [InlineData("{\"kind\":\"cosqe-score-calibration/1\",\"name\":\"x\",\"local\":[4,11],\"service\":[3,4]}")]
    public void Parse_refuses_what_is_not_a_monotone_calibration(string json)
    {
        Assert.Throws<FormatException>(() => LocalScoreCalibration.Parse(json));
    }
}

/// <summary><see cref="LocalScoreCalibration.Fit"/> against a synthetic service: a known monotone transform plus noise.</summary>
public sealed class CalibrationFitTests
{
    [Fact]
    public void Fit_recovers_a_known_monotone_transform_from_noisy_pairs()
    {
        // The "service": s = 10 / (1 + exp(-(l - 5))) + noise (σ 0.3), 400 videos, fixed seed.
        var random = new Random(22);
        var local = Enumerable.Range(0, 400).Select(_ => Math.Round(random.NextDouble() * 10, 1)).ToArray();
        static double Truth(double l) => 10 / (1 + Math.Exp(-(l - 5)));
        var service = local.Select(l => Math.Clamp(Truth(l) + (Gaussian(random) * 0.3), 0, 10)).ToArray();

        var calibration = LocalScoreCalibration.Fit("synthetic", local, service);

        var before = local.Zip(service).Average(p => Math.Abs(p.First - p.Second));
        var after = local.Zip(service).Average(p => Math.Abs(calibration.Apply(p.First) - p.Second));
        Assert.True(after < before / 2, $"mean absolute error {before:0.00} → {after:0.00}");
        foreach (var l in new[] { 2.0, 4.0, 5.0, 6.0, 8.0 })
        {
            Assert.InRange(calibration.Apply(l), Truth(l) - 0.5, Truth(l) + 0.5);
        }

        for (var l = 0.0; l < 10; l += 0.1)
        {
            Assert.True(calibration.Apply(l + 0.1) >= calibration.Apply(l));
        }
    }

    [Fact]
    public void Fit_pools_pairs_that_break_the_order()
    {
        var calibration = LocalScoreCalibration.Fit("pooled", [1, 2, 3, 4], [2, 1, 5, 6]);
        Assert.Equal([1.5, 3, 4], calibration.LocalScores);
        Assert.Equal([1.5, 5, 6], calibration.ServiceScores);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
