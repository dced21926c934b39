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
