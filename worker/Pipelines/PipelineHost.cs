using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Holds the session's current pipeline. A load builds the new pipeline first and swaps it in
/// only when it is valid, so a rejected document leaves the previous pipeline serving.
/// </summary>
internal sealed class PipelineHost(PipelineBuilder builder, WorkerSession session, ILogger<PipelineHost> logger)
{
    private Pipeline? _current;

    /// <summary>Gets the pipeline runs use; <see langword="null"/> until a document loads.</summary>
    /// <remarks>A run that took the previous pipeline finishes on it; the next one sees the new pipeline.</remarks>
    public Pipeline? Current => Volatile.Read(ref _current);

    /// <summary>Builds <paramref name="document"/> and, if valid, makes it the current pipeline.</summary>
    /// <returns>The build result: the new pipeline, or every problem found (the current pipeline unchanged).</returns>
    public PipelineBuildResult Load(ReadOnlyMemory<byte> document)
    {
        // Built outside any lock: a slow node constructor must not hold up runs on the old pipeline.
        var result = builder.Build(document);
        if (result.Pipeline is { } pipeline)
        {
            var previous = Interlocked.Exchange(ref _current, pipeline);
            PipelineLog.Loaded(logger, session.Id, pipeline.Id, previous?.Id ?? "none");
        }

        return result;
    }
}
