using Cuvis.Sandbox.Worker.Nodes.Builtins;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class SymmetricEigenTests
{
    [Fact]
    public void Values_TwoByTwo_AreOneAndThree()
    {
        var values = new SymmetricEigen([2, 1, 1, 2], 2).Values.ToArray().Order().ToArray();

        values[0].Should().BeApproximately(1, 1e-15);
        values[1].Should().BeApproximately(3, 1e-15);
    }

    [Fact]
    public void Vectors_TwoByTwo_AreTheDiagonals()
    {
        var eigen = new SymmetricEigen([2, 1, 1, 2], 2);
        var forThree = eigen.Values[0] > eigen.Values[1] ? 0 : 1;

        // Column forThree is ±(1, 1)/√2.
        Math.Abs(eigen.Vectors[forThree]).Should().BeApproximately(Math.Sqrt(0.5), 1e-15);
        eigen.Vectors[forThree].Should().BeApproximately(eigen.Vectors[2 + forThree], 1e-15);
    }

    [Fact]
    public void Decomposition_RandomSymmetric_ReconstructsTheMatrixWithOrthonormalVectors()
    {
        const int n = 60;
        var random = new Random(3);
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                matrix[(i * n) + j] = matrix[(j * n) + i] = (random.NextDouble() * 2) - 1;
            }
        }

        var eigen = new SymmetricEigen(matrix, n);

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double reconstructed = 0, gram = 0;
                for (var k = 0; k < n; k++)
                {
                    reconstructed += eigen.Vectors[(i * n) + k] * eigen.Values[k] * eigen.Vectors[(j * n) + k];
                    gram += eigen.Vectors[(k * n) + i] * eigen.Vectors[(k * n) + j];
                }

                reconstructed.Should().BeApproximately(matrix[(i * n) + j], 1e-12);
                gram.Should().BeApproximately(i == j ? 1 : 0, 1e-12);
            }
        }
    }

    [Fact]
    public void Values_GradedDiagonal_KeepTheSmallEigenvalues()
    {
        var eigen = new SymmetricEigen([1e8, 0, 0, 0, 1, 0, 0, 0, 1e-8], 3);

        eigen.Values.ToArray().Order().Should().Equal(1e-8, 1, 1e8);
    }

    [Fact]
    public void Values_ZeroMatrix_AreZero()
    {
        new SymmetricEigen(new double[9], 3).Values.ToArray().Should().Equal(0, 0, 0);
    }
}
