using CosQualityEstimate.LocalAnalysis.Perceptual;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>The committed NIQE pristine model is what tools/NiqeFit fits from the photographs of photos.txt.</summary>
public sealed class NiqeFitTests(ITestOutputHelper output)
{
    [PerceptualFact]
    public void Fit_PhotographsOfPhotosTxt_ReproducesTheCommittedModel()
    {
        using var log = new StringWriter();
        var (fitted, _) = NiqeFit.PristineFit.Fit(PerceptualPictures.PhotoList, PerceptualPictures.PhotoDirectory, log);
        output.WriteLine(log.ToString());
        var committed = NiqeModel.PristineModel;

        Assert.Equal(committed.Patches, fitted.Patches);
        for (var i = 0; i < committed.Mean.Length; i++)
        {
            Assert.Equal(committed.Mean[i], fitted.Mean[i], Math.Abs(committed.Mean[i]) * 1e-9);
        }

        for (var i = 0; i < committed.Covariance.Length; i++)
        {
            Assert.Equal(committed.Covariance[i], fitted.Covariance[i], (Math.Abs(committed.Covariance[i]) * 1e-9) + 1e-15);
        }
    }

    [Fact]
    public void PristineModel_IsAValidGaussian()
    {
        var model = NiqeModel.PristineModel;
        Assert.True(model.Patches > NiqeFeatures.FeatureCount, $"{model.Patches} patches");
        Assert.Equal(0, model.Distance(model), 9);
        Assert.Equal(model.Format(["x"]).Split('\n').Length, NiqeModel.Parse(model.Format(["x"])).Format(["x"]).Split('\n').Length);
    }

    [Fact]
    public void PseudoInverseQuadraticForm_DiagonalAndSingular_MatchByHand()
    {
        // diag(2, 4, 0): pinv = diag(1/2, 1/4, 0); d = (1, 2, 5) → 1/2 + 4/4 + 0.
        double[] a = [2, 0, 0, 0, 4, 0, 0, 0, 0];
        Assert.Equal(1.5, SymmetricMatrix.PseudoInverseQuadraticForm(a, [1, 2, 5], 3), 12);

        // [[2, 1], [1, 2]]⁻¹ = [[2, −1], [−1, 2]] / 3; d = (1, 0) → 2/3.
        double[] b = [2, 1, 1, 2];
        Assert.Equal(2.0 / 3, SymmetricMatrix.PseudoInverseQuadraticForm(b, [1, 0], 2), 12);
    }
}
