namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Graphviz needed more than <see cref="VisualizationOptions.MemoryLimitBytes"/> and its cgroup's OOM killer stopped it.</summary>
internal sealed class RenderOutOfMemoryException(long limitBytes)
    : SandboxException($"Rendering the pipeline needed more than the {limitBytes / (1024.0 * 1024):0.#} MiB Graphviz may use "
        + "(Visualization:MemoryLimitBytes), so it was stopped. Draw a smaller pipeline, or ask for format 'dot'.");
