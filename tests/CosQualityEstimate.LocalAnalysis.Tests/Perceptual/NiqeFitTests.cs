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

        // A random symmetric positive definite matrix: the Cholesky path and the eigen path agree.
        var random = new Random(7);
        const int n = 36;
        var m = new double[n * n];
        for (var i = 0; i < m.Length; i++)
        {
            m[i] = random.NextDouble() - 0.5;
        }

        var spd = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    spd[(i * n) + j] += m[(i * n) + k] * m[(j * n) + k];
                }
            }

            spd[(i * n) + i] += 0.1;
        }

        var v = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var singular = (double[])spd.Clone();
        for (var j = 0; j < n; j++)
        {
            // Make the last row/column zero: the pseudo-inverse ignores that direction.
            singular[((n - 1) * n) + j] = 0;
            singular[(j * n) + n - 1] = 0;
        }

        var viaCholesky = SymmetricMatrix.PseudoInverseQuadraticForm((double[])spd.Clone(), v, n);
        Assert.True(viaCholesky > 0);
        var vWithoutLast = v.Take(n - 1).ToArray();
        var reduced = new double[(n - 1) * (n - 1)];
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = 0; j < n - 1; j++)
            {
                reduced[(i * (n - 1)) + j] = spd[(i * n) + j];
            }
        }

        Assert.Equal(
            SymmetricMatrix.PseudoInverseQuadraticForm(reduced, vWithoutLast, n - 1),
            SymmetricMatrix.PseudoInverseQuadraticForm(singular, v, n),
            6);

        // [[2, 1], [1, 2]]⁻¹ = [[2, −1], [−1, 2]] / 3; d = (1, 0) → 2/3.
        double[] b = [2, 1, 1, 2];
        Assert.Equal(2.0 / 3, SymmetricMatrix.PseudoInverseQuadraticForm(b, [1, 0], 2), 12);
    }
}
