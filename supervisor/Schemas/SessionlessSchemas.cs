using Cuvis.Sandbox.Protos;

namespace Cuvis.Sandbox.Supervisor.Schemas;

/// <summary>
/// GetParameterSchema without a session, answered by the supervisor alone: the pipeline
/// document's schema, with free <c>params</c>. Node classes are known only inside a session's
/// worker (the builtin ones are the worker's code, plugin ones a session's plugins), and the
/// supervisor loads neither, so a node class needs <c>session_id</c>.
/// </summary>
internal static class SessionlessSchemas
{
    private static readonly Lazy<string> PipelineSchema = new(() => ConfigSchemas.Serialize(ConfigSchemas.PipelineDocument()));

    /// <summary>The schema of <paramref name="configType"/>.</summary>
    /// <exception cref="InvalidSchemaRequestException">It is not <c>pipeline</c>: an unknown type, or a node class, which needs a session.</exception>
    public static string Describe(string configType)
    {
        if (configType == ConfigSchemas.Pipeline)
        {
            return PipelineSchema.Value;
        }

        if (ConfigSchemas.Unsupported(configType) is { } unsupported)
        {
            throw new InvalidSchemaRequestException(unsupported, "config_type");
        }

        var shown = configType.Length <= 200 ? configType : string.Concat(configType.AsSpan(0, 197), "...");
        if (NameSuggestions.Closest(configType, [ConfigSchemas.Pipeline, .. ConfigSchemas.UpstreamConfigTypes]) is [var closest, ..])
        {
            throw new InvalidSchemaRequestException($"config_type '{shown}' is not one this server knows; did you mean '{closest}'? "
                + $"It describes '{ConfigSchemas.Pipeline}' and, in a session, node classes by name.", "config_type");
        }

        throw new InvalidSchemaRequestException($"config_type '{shown}' is not '{ConfigSchemas.Pipeline}', so it would name a node class, and node "
            + "classes (builtin and plugin) are known only inside a session: set session_id to a session of yours (CreateSession).", "session_id");
    }
}
