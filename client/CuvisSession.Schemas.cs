using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client;

public sealed partial class CuvisSession
{
    /// <summary>
    /// Gets a JSON Schema (draft 2020-12) from this session: of the pipeline document, with each
    /// node class the session knows (builtin and its plugins') constraining its nodes'
    /// <c>params</c>; or of one node class's constructor parameters.
    /// </summary>
    /// <remarks>
    /// A class's schema lists each parameter under the snake_case key a Python user writes
    /// (<c>min_wavelength</c>), with the C# name in <c>x-cuvis-parameter</c> where it differs, its
    /// <c>default</c>, and <c>required</c> for those without one. A document the schema takes binds;
    /// the server also binds a few spellings the schema does not state (<c>minWavelength</c>,
    /// <c>"5"</c> for an int, an enum name in another case).
    /// </remarks>
    /// <param name="configType"><c>pipeline</c>, or a node class by its short or full name, as a pipeline's <c>class:</c> names it.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The schema, as JSON text.</returns>
    /// <exception cref="CuvisInvalidRequestException"><paramref name="configType"/> is neither <c>pipeline</c> nor a class of this session; the message suggests near names.</exception>
    /// <exception cref="CuvisFailedPreconditionException">The class cannot be described (a plugin's class past the server's limits).</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<string> GetParameterSchemaAsync(string configType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configType);
        var response = await CallAsync(
            static (stub, request, options) => stub.GetParameterSchemaAsync(request, options),
            new Proto.GetParameterSchemaRequest { ConfigType = configType, SessionId = Id }, cancellationToken).ConfigureAwait(false);
        return response.JsonSchema;
    }
}
