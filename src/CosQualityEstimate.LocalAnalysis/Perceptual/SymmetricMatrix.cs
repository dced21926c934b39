namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>The symmetric-matrix algebra NIQE needs: a quadratic form with the Moore–Penrose pseudo-inverse.</summary>
internal static class SymmetricMatrix
{
    /// <summary>dᵀ A⁺ d for a symmetric n×n <paramref name="a"/> (row by row; overwritten). A well-conditioned
    /// positive definite matrix (the usual case: the mean of two full-rank covariances) is solved by Cholesky, where
    /// A⁺ = A⁻¹; otherwise by cyclic Jacobi eigen-decomposition, eigenvalues below n·ε·|λ|max counting as 0 (MATLAB's
    /// <c>pinv</c> tolerance).</summary>
    public static double PseudoInverseQuadraticForm(Span<double> a, ReadOnlySpan<double> d, int n)
    {
        Span<double> factor = n <= 64 ? stackalloc double[n * n] : new double[n * n];
        if (TryCholeskyQuadraticForm(a, d, n, factor, out var result))
        {
            return result;
        }

        return JacobiQuadraticForm(a, d, n);
    }

    // L Lᵀ = A; dᵀ A⁻¹ d = |L⁻¹ d|². Refuses (false) when a pivot is below 1e-10 of the largest diagonal entry: near
    // singular, where the pseudo-inverse's cut-off matters.
    private static bool TryCholeskyQuadraticForm(ReadOnlySpan<double> a, ReadOnlySpan<double> d, int n, Span<double> l, out double result)
    {
        result = 0;
        var largest = 0.0;
        for (var i = 0; i < n; i++)
        {
            largest = Math.Max(largest, a[(i * n) + i]);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 1e-10 * largest))
                    {
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        // Forward substitution L y = d.
        Span<double> y = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = d[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * y[k];
            }

            y[i] = sum / l[(i * n) + i];
            result += y[i] * y[i];
        }

        return true;
    }

    private static double JacobiQuadraticForm(Span<double> a, ReadOnlySpan<double> d, int n)
    {
        Span<double> v = n <= 64 ? stackalloc double[n * n] : new double[n * n];
        v.Clear();
        for (var i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diagonal = 0;
            for (var p = 0; p < n; p++)
            {
                diagonal += a[(p * n) + p] * a[(p * n) + p];
                for (var q = p + 1; q < n; q++)
                {
                    off += a[(p * n) + q] * a[(p * n) + q];
                }
            }

            if (off <= 1e-30 * diagonal || off == 0)
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[(p * n) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    var app = a[(p * n) + p];
                    var aqq = a[(q * n) + q];
                    var theta = (aqq - app) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[(k * n) + p];
                        var akq = a[(k * n) + q];
                        a[(k * n) + p] = (c * akp) - (s * akq);
                        a[(k * n) + q] = (s * akp) + (c * akq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[(p * n) + k];
                        var aqk = a[(q * n) + k];
                        a[(p * n) + k] = (c * apk) - (s * aqk);
                        a[(q * n) + k] = (s * apk) + (c * aqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[(k * n) + p];
                        var vkq = v[(k * n) + q];
                        v[(k * n) + p] = (c * vkp) - (s * vkq);
                        v[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var largest = 0.0;
        for (var i = 0; i < n; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[(i * n) + i]));
        }

        var tolerance = n * largest * 2.220446049250313e-16;
        var result = 0.0;
        for (var i = 0; i < n; i++)
        {
            var lambda = a[(i * n) + i];
            if (Math.Abs(lambda) <= tolerance)
            {
                continue;
            }

            // Projection of d on eigenvector i.
            var projection = 0.0;
            for (var k = 0; k < n; k++)
            {
                projection += v[(k * n) + i] * d[k];
            }

            result += projection * projection / lambda;
        }

        return result;
    }
}
