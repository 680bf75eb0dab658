using Cuvis.Sandbox.Cli.Errors;
using SkiaSharp;

namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// The TrueType font for the pictures' labels, from a file: SkiaSharp's Linux assets without
/// fontconfig cannot look fonts up by name. <c>$CUVIS_FONT</c> first, then well-known paths.
/// Without one the picture step fails: a scale bar without its numbers would mislead.
/// </summary>
internal static class FontSource
{
    public const string Variable = "CUVIS_FONT";

    public const string DebianPackage = "fonts-dejavu-core";

    public static IReadOnlyList<string> WellKnownPaths { get; } =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",          // Debian, Ubuntu (fonts-dejavu-core)
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",        // Fedora
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",                   // older Fedora, Alpine
        "/usr/share/fonts/TTF/DejaVuSans.ttf",                      // Arch
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",             // macOS
        @"C:\Windows\Fonts\arial.ttf",
    ];

    /// <summary>The first font found, from $CUVIS_FONT or <paramref name="paths"/> (the well-known ones by default).</summary>
    public static SKTypeface Load(IReadOnlyList<string>? paths = null)
    {
        string[] candidates = [.. Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen ? [chosen] : Array.Empty<string>(), .. paths ?? WellKnownPaths];
        foreach (var path in candidates)
        {
            if (File.Exists(path) && SKTypeface.FromFile(path) is { } typeface)
            {
                return typeface;
            }
        }

        throw new CliException(ExitCodes.LocalFile, "font_missing",
            $"No TrueType font for the pictures' labels; looked for {string.Join(", ", candidates)}. "
            + $"Install {DebianPackage} (Debian/Ubuntu: sudo apt-get install {DebianPackage}), set {Variable} to a .ttf file, "
            + "or pass --no-pictures. The .npy outputs and summary.json are written.");
    }
}
