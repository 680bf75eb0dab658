namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

/// <summary>
/// RX for three bands computed the textbook way, sharing no code with the worker: mean, sample
/// covariance, inverse by cofactors (adjugate over determinant), quadratic form per pixel.
/// </summary>
internal static class IndependentRx
{
    public static double[] ThreeBandScores(float[] pixels)
    {
        var n = pixels.Length / 3;
        var mean = new double[3];
        for (var p = 0; p < n; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                mean[c] += pixels[(p * 3) + c] / (double)n;
            }
        }

        var s = new double[3, 3];
        for (var p = 0; p < n; p++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    s[i, j] += (pixels[(p * 3) + i] - mean[i]) * (pixels[(p * 3) + j] - mean[j]) / (n - 1);
                }
            }
        }

        var inverse = Inverse(s);
        var scores = new double[n];
        for (var p = 0; p < n; p++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    scores[p] += (pixels[(p * 3) + i] - mean[i]) * inverse[i, j] * (pixels[(p * 3) + j] - mean[j]);
                }
            }
        }

        return scores;
    }

    private static double[,] Inverse(double[,] a)
    {
        var cofactors = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                // The cofactor of (i, j) from the 2 x 2 minor, its sign built into the cyclic indices.
                int r1 = (i + 1) % 3, r2 = (i + 2) % 3, c1 = (j + 1) % 3, c2 = (j + 2) % 3;
                cofactors[i, j] = (a[r1, c1] * a[r2, c2]) - (a[r1, c2] * a[r2, c1]);
            }
        }

        var determinant = (a[0, 0] * cofactors[0, 0]) + (a[0, 1] * cofactors[0, 1]) + (a[0, 2] * cofactors[0, 2]);
        var inverse = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                inverse[i, j] = cofactors[j, i] / determinant;
            }
        }

        return inverse;
    }
}
