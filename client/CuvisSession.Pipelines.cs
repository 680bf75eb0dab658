using System.Text;
using Cuvis.Sandbox.Client.Grpc;
using Google.Protobuf;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client;

public sealed partial class CuvisSession
{
    /// <summary>Loads a pipeline into this session, replacing the one loaded before.</summary>
    /// <param name="document">The pipeline document, YAML or JSON: <c>metadata</c>, <c>nodes</c> and <c>connections</c>.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The pipeline's id and metadata.</returns>
    /// <exception cref="CuvisInvalidRequestException">The document is invalid; the message lists every problem found (unknown classes, bad parameters, bad connections, cycles, port types).</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public Task<PipelineLoadResult> LoadPipelineAsync(string document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return LoadPipelineAsync(Encoding.UTF8.GetBytes(document), cancellationToken);
    }

    /// <summary>Loads a pipeline into this session, replacing the one loaded before.</summary>
    /// <param name="utf8Document">The pipeline document as UTF-8 YAML or JSON (a file's bytes); sent without a copy, so leave it unchanged until the call completes.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The pipeline's id and metadata.</returns>
    /// <exception cref="CuvisInvalidRequestException">The document is invalid; the message lists every problem found.</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<PipelineLoadResult> LoadPipelineAsync(ReadOnlyMemory<byte> utf8Document, CancellationToken cancellationToken = default)
    {
        var request = new Proto.LoadPipelineRequest
        {
            SessionId = Id,
            Config = new Proto.PipelineConfig { ConfigBytes = UnsafeByteOperations.UnsafeWrap(utf8Document) },
        };
        var response = await CallAsync(static (stub, request, options) => stub.LoadPipelineAsync(request, options), request, cancellationToken)
            .ConfigureAwait(false);
        return response.ToResult();
    }

    /// <summary>Lists the inputs the loaded pipeline takes: one per batch key, in the server's order.</summary>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The inputs by name (<c>cube</c>, <c>wavelengths</c>, ...), with shape, dtype and whether each is required.</returns>
    /// <exception cref="CuvisFailedPreconditionException">No pipeline is loaded.</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<IReadOnlyList<TensorSpec>> GetPipelineInputsAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(
            static (stub, request, options) => stub.GetPipelineInputsAsync(request, options),
            new Proto.GetPipelineInputsRequest { SessionId = Id }, cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToSpecs(response.InputNames, response.InputSpecs);
    }

    /// <summary>Lists the outputs the loaded pipeline gives, keyed <c>&lt;node&gt;.&lt;port&gt;</c> as inference returns them.</summary>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The outputs, with shape and dtype.</returns>
    /// <exception cref="CuvisFailedPreconditionException">No pipeline is loaded.</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<IReadOnlyList<TensorSpec>> GetPipelineOutputsAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(
            static (stub, request, options) => stub.GetPipelineOutputsAsync(request, options),
            new Proto.GetPipelineOutputsRequest { SessionId = Id }, cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToSpecs(response.OutputNames, response.OutputSpecs);
    }

    /// <summary>Runs the loaded pipeline on one batch.</summary>
    /// <param name="batch">The input tensors; sent without copying them, so leave their buffers unchanged until the call completes.</param>
    /// <param name="outputs">The outputs to return, by key (<c>rx.scores</c>) or port name (<c>scores</c>); <see langword="null"/> or empty for every output of every node.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The output tensors and the scalar metrics.</returns>
    /// <exception cref="CuvisFailedPreconditionException">No pipeline is loaded.</exception>
    /// <exception cref="CuvisInvalidRequestException">A tensor does not fit its input, a required input is missing, or an output names nothing.</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisUnavailableException">The session's worker died during the call; it is replaced, so the session stays usable.</exception>
    /// <exception cref="CuvisSandboxException">A node threw (status <c>INTERNAL</c>, naming the node), or the server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<InferenceResult> InferenceAsync(InputBatch batch, IEnumerable<string>? outputs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var request = new Proto.InferenceRequest { SessionId = Id, Inputs = batch.ToProto() };
        if (outputs is not null)
        {
            request.OutputSpecs.Add(outputs);
        }

        var response = await CallAsync(static (stub, request, options) => stub.InferenceAsync(request, options), request, cancellationToken)
            .ConfigureAwait(false);
        return response.ToResult();
    }
}
