using System.ComponentModel;
using System.Text.Json;
using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Pictures;
using Cuvis.Sandbox.Cli.Running;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary>
/// <c>cuvis run pipeline.yaml --cube cube.npy --out dir/</c>: a session of its own, the manifest, the
/// pipeline, one inference, every output as .npy, pictures, summary.json. The session is closed
/// however the command ends: done, failed, or interrupted.
/// </summary>
[Description("Run a pipeline on a cube in a new session: every output as <out>/<output>.npy, pictures as PNG, and summary.json.")]
internal sealed class RunCommand(CliTerminal terminal) : CuvisCommand<RunSettings>(terminal)
{
    protected override async Task<int> RunAsync(RunSettings settings, CommandOutput output, CancellationToken cancellationToken)
    {
        var timings = new StepTimings(TimeProvider.System);
        var inputs = await timings.TimeAsync("read_inputs", () => RunInputs.ReadAsync(settings, cancellationToken));
        var directory = OutputDirectory.Create(settings.Out!);
        using var connection = new ServerConnection(settings);
        var (sessionId, plugins, pipeline, result) = await RunOnServerAsync(connection, inputs, settings, output, timings, cancellationToken);

        var outputs = await timings.TimeAsync("write_outputs", async () =>
        {
            var written = new Dictionary<string, TensorDocument>(StringComparer.Ordinal);
            foreach (var (name, tensor) in result.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                written[name] = RunInputs.Document(await directory.WriteNpyAsync(name, tensor, cancellationToken), tensor);
            }

            return written;
        });

        IReadOnlyList<PictureDocument> pictures = [];
        CliException? pictureFailure = null;
        if (!settings.NoPictures)
        {
            try
            {
                pictures = await timings.TimeAsync("pictures", () => output.StepAsync("Drawing pictures",
                    () => PictureStep.DrawAsync(directory, inputs.Cube, inputs.Wavelengths, result.Outputs, cancellationToken)));
            }
            catch (CliException e)
            {
                pictureFailure = e;
            }
        }

        var summary = new RunSummary(
            connection.Address, sessionId, new PipelineDocument(settings.Pipeline, pipeline.PipelineId, pipeline.Metadata.Name), inputs.Documents,
            plugins, outputs, result.Metrics, pictures, pictureFailure?.Message, timings.Snapshot(),
            [.. connection.NodeTimings.Select(t => new NodeTimingDocument(t.Node, t.Micros / 1000.0))], directory.Path);
        await directory.WriteBytesAsync("summary.json", JsonSerializer.SerializeToUtf8Bytes(summary, CommandOutput.JsonOptions), cancellationToken);
        if (pictureFailure is not null)
        {
            throw pictureFailure;
        }

        if (output.IsJson)
        {
            output.WriteJson(summary);
        }
        else
        {
            RunReport.Write(output.Console, summary);
        }

        return ExitCodes.Success;
    }

    private static async Task<(string SessionId, IReadOnlyList<string>? Plugins, PipelineLoadResult Pipeline, InferenceResult Result)> RunOnServerAsync(
        ServerConnection connection, RunInputs inputs, RunSettings settings, CommandOutput output, StepTimings timings, CancellationToken cancellationToken)
    {
        await using var session = await timings.TimeAsync("create_session", () => connection.CreateSessionAsync(output, cancellationToken));
        IReadOnlyList<string>? plugins = null;
        if (inputs.Manifest is { } manifest)
        {
            var loaded = await timings.TimeAsync("load_plugins", () => PluginSteps.LoadAsync(session, manifest, output, cancellationToken));
            plugins = loaded.AllLoaded ? loaded.LoadedPlugins : throw PluginSteps.Failed(loaded);
        }

        var pipeline = await timings.TimeAsync("load_pipeline", () => output.StepAsync(
            $"Loading the pipeline {settings.Pipeline}", () => session.LoadPipelineAsync(inputs.Pipeline, cancellationToken)));
        var result = await timings.TimeAsync("inference", () => output.StepAsync(
            $"Running inference on the {Describe.DType(inputs.Cube.DType)} cube {Describe.Shape(inputs.Cube.Shape)}",
            () => session.InferenceAsync(inputs.Batch, settings.Outputs.Length > 0 ? settings.Outputs : null, cancellationToken)));
        await timings.TimeAsync("close_session", () => session.CloseAsync(cancellationToken));
        return (session.Id, plugins, pipeline, result);
    }
}
