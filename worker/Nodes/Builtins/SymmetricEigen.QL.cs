using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>The implicit QL iteration (tql2) that diagonalises the tridiagonal form.</summary>
internal sealed partial class SymmetricEigen
{
    // Far more than the two or three iterations per eigenvalue QL needs: a bound, so that
    // pathological input ends in an exception instead of a loop that never ends.
    private const int MaxIterationsPerEigenvalue = 60;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DiagonalizeTridiagonal()
    {
        var n = _n;
        var d = _d;
        var e = _e;
        for (var i = 1; i < n; i++)
        {
            e[i - 1] = e[i];
        }

        e[n - 1] = 0.0;
        var f = 0.0;
        var tst1 = 0.0;
        const double eps = 2.220446049250313e-16; // 2^-52, the spacing of doubles at 1
        for (var l = 0; l < n; l++)
        {
            // Find a negligible sub-diagonal element; d[l] is an eigenvalue when it is e[l] itself.
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n && Math.Abs(e[m]) > eps * tst1)
            {
                m++;
            }

            if (m > l)
            {
                var iterations = 0;
                do
                {
                    if (++iterations > MaxIterationsPerEigenvalue)
                    {
                        throw new ArithmeticException("The symmetric eigen-decomposition did not converge.");
                    }

                    f += ShiftAndSweep(l, m);
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }

            d[l] += f;
            e[l] = 0.0;
        }
    }

    // One implicit-shift QL sweep over rows l..m; returns the shift taken out of d[l+2..].
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ShiftAndSweep(int l, int m)
    {
        var n = _n;
        var d = _d;
        var e = _e;
        var g = d[l];
        var p = (d[l + 1] - g) / (2.0 * e[l]);
        var r = Hypot(p, 1.0);
        if (p < 0)
        {
            r = -r;
        }

        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        var dl1 = d[l + 1];
        var h = g - d[l];
        for (var i = l + 2; i < n; i++)
        {
            d[i] -= h;
        }

        p = d[m];
        var c = 1.0;
        var c2 = c;
        var c3 = c;
        var el1 = e[l + 1];
        var s = 0.0;
        var s2 = 0.0;
        for (var i = m - 1; i >= l; i--)
        {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            var hp = c * p;
            r = Hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = (c * d[i]) - (s * g);
            d[i + 1] = hp + (s * ((c * g) + (s * d[i])));
            RotateColumns(i, c, s);
        }

        p = -s * s2 * c3 * el1 * e[l] / dl1;
        e[l] = s * p;
        d[l] = c * p;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RotateColumns(int i, double c, double s)
    {
        // Columns i and i + 1 of the eigenvectors are rows of the transposed store: a plane
        // rotation of two contiguous vectors.
        var left = _transposed.AsSpan(i * _n, _n);
        var right = _transposed.AsSpan((i + 1) * _n, _n);
        var cosine = Vector256.Create(c);
        var sine = Vector256.Create(s);
        var start = 0;
        for (; start <= left.Length - Vector256<double>.Count; start += Vector256<double>.Count)
        {
            var l = Vector256.Create<double>(left.Slice(start, Vector256<double>.Count));
            var r = Vector256.Create<double>(right.Slice(start, Vector256<double>.Count));
            ((sine * l) + (cosine * r)).CopyTo(right.Slice(start, Vector256<double>.Count));
            ((cosine * l) - (sine * r)).CopyTo(left.Slice(start, Vector256<double>.Count));
        }

        for (var row = start; row < left.Length; row++)
        {
            var h = right[row];
            right[row] = (s * left[row]) + (c * h);
            left[row] = (c * left[row]) - (s * h);
        }
    }

    private static double Hypot(double a, double b)
    {
        // sqrt(a^2 + b^2) without overflow or underflow of the squares.
        var x = Math.Abs(a);
        var y = Math.Abs(b);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (x == 0)
        {
            return 0;
        }

        var ratio = y / x;
        return x * Math.Sqrt(1 + (ratio * ratio));
    }
}
