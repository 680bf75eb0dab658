using System.ComponentModel;
using Cuvis.Sandbox.Cli.Settings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary>The arguments of <c>cuvis run</c>.</summary>
internal sealed class RunSettings : GlobalSettings
{
    [CommandArgument(0, "<PIPELINE>")]
    [Description("The pipeline document (YAML or JSON).")]
    public string Pipeline { get; init; } = "";

    [CommandOption("--cube <FILE>")]
    [Description("The hyperspectral cube, BHWC, as .npy (uint16 raw counts or float32).")]
    public string? Cube { get; init; }

    [CommandOption("--wavelengths <FILE>")]
    [Description("The centre wavelength of each band in nm, as .npy (float64 is sent as float32); also picks the false-RGB bands.")]
    public string? Wavelengths { get; init; }

    [CommandOption("--mask <FILE>")]
    [Description("A per-pixel mask, BHW, as .npy (bool or uint8).")]
    public string? Mask { get; init; }

    [CommandOption("--manifest <FILE>")]
    [Description("A plugin manifest (JSON or YAML) to load before the pipeline.")]
    public string? Manifest { get; init; }

    [CommandOption("--input <NAME=FILE>")]
    [Description("A further input by port name, as .npy; repeat for more.")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--output <NAME>")]
    [Description("An output to return, by key (rx.scores) or port name; repeat for more (default: every output of every node).")]
    public string[] Outputs { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Where to write <output>.npy, the pictures and summary.json; created if missing.")]
    public string? Out { get; init; }

    [CommandOption("--no-pictures")]
    [Description("Write the .npy outputs and summary.json only.")]
    public bool NoPictures { get; init; }

    /// <summary>Gets the --input pairs as (port name, file).</summary>
    public IReadOnlyList<(string Name, string File)> ExtraInputs =>
        [.. Inputs.Select(pair => pair.Split('=', 2)).Select(parts => (parts[0], parts[1]))];

    public override ValidationResult Validate()
    {
        var problem =
            Cube is not { Length: > 0 } ? "--cube <FILE> is required: the cube to run the pipeline on, as .npy."
            : Out is not { Length: > 0 } ? "--out <DIR> is required: where to write the outputs."
            : Inputs.FirstOrDefault(pair => pair.Split('=', 2) is not [{ Length: > 0 }, { Length: > 0 }]) is { } bad
                ? $"--input takes NAME=FILE (a port name and a .npy file), not '{bad}'."
            : Inputs.Select(pair => pair.Split('=', 2)[0]).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
                ? $"--input names '{twice.Key}' twice."
            : null;
        return problem is null ? base.Validate() : ValidationResult.Error(problem);
    }
}
