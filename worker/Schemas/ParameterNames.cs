using System.Reflection;
using System.Text;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>
/// The key a parameter schema lists a constructor parameter under: the snake_case name a
/// cuvis-ai (Python) user writes, <c>band_a</c> for <c>bandA</c>, when the binder binds that key to
/// the parameter (it matches ignoring case and underscores, so it almost always does); the C#
/// name otherwise, say when another parameter is named <c>band_a</c> itself.
/// </summary>
internal static class ParameterNames
{
    /// <summary>The key of <paramref name="declared"/>[<paramref name="index"/>], or <see langword="null"/> when no key binds to it.</summary>
    public static string? KeyOf(ParameterInfo[] declared, int index)
    {
        var name = declared[index].Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var snake = SnakeCase(name);
        if (NodeParameterBinder.Match(declared, snake) == index)
        {
            return snake;
        }

        return NodeParameterBinder.Match(declared, name) == index ? name : null;
    }

    /// <summary>
    /// <c>bandA</c> to <c>band_a</c>, <c>minWavelength</c> to <c>min_wavelength</c>, <c>maxIOSize</c>
    /// to <c>max_io_size</c>, <c>redNm</c> to <c>red_nm</c>; digits stay with the word before them.
    /// </summary>
    public static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
