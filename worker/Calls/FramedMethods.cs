using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Worker.Calls;

/// <summary>
/// The worker's service as the call channel runs it: every method of <see cref="SandboxWorker"/>,
/// bound from the generated service definition, behind the same interceptors, in the same order,
/// as its gRPC endpoint (<see cref="WorkerGrpcServiceCollectionExtensions.InterceptorTypes"/>).
/// A call on either transport runs the same code.
/// </summary>
internal sealed class FramedMethods : ServiceBinderBase
{
    private readonly Dictionary<string, IFramedMethod> _methods = new(StringComparer.Ordinal);
    private readonly Interceptor[] _interceptors;

    public FramedMethods(SandboxWorkerGrpcService service, IReadOnlyList<Interceptor> interceptors)
    {
        _interceptors = [.. interceptors];
        SandboxWorker.BindService(this, service);
    }

    /// <summary>The method named <paramref name="fullName"/> (<c>/package.Service/Method</c>), or null.</summary>
    public IFramedMethod? Find(string fullName) => _methods.GetValueOrDefault(fullName);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var chain = handler;
        for (var i = _interceptors.Length - 1; i >= 0; i--)
        {
            var (interceptor, next) = (_interceptors[i], chain);
            chain = (request, context) => interceptor.UnaryServerHandler(request, context, next);
        }

        _methods.Add(method.FullName, new FramedMethod<TRequest, TResponse>(method, chain));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        throw Unary(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        throw Unary(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        throw Unary(method);

    private static NotSupportedException Unary(IMethod method) =>
        new($"{method.FullName} streams; the call channel carries unary calls only. Keep it on the gRPC endpoint.");

    private sealed class FramedMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> chain) : IFramedMethod
        where TRequest : class
        where TResponse : class
    {
        public async Task<CallFrame> RunAsync(ReadOnlyMemory<byte> payload, FramedServerCallContext context)
        {
            TRequest request;
            try
            {
                request = method.RequestMarshaller.ContextualDeserializer(new FramePayload(payload));
            }
            catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or InvalidOperationException)
            {
                return FramedAnswers.Failed(new Status(StatusCode.Internal, $"Failed to deserialize the {method.Name} request message."), null);
            }

            try
            {
                var response = await chain(request, context);
                return context.Status.StatusCode == StatusCode.OK
                    ? FramedAnswers.Ok(method.ResponseMarshaller, response, context.ResponseTrailers)
                    : FramedAnswers.Failed(context.Status, context.ResponseTrailers);
            }
            catch (RpcException e)
            {
                foreach (var trailer in e.Trailers)
                {
                    context.ResponseTrailers.Add(trailer);
                }

                return FramedAnswers.Failed(e.Status, context.ResponseTrailers);
            }
            catch (Exception)
            {
                // As the gRPC endpoint answers without detailed errors (the exception interceptor has
                // already logged and mapped every exception it knows).
                return FramedAnswers.Failed(new Status(StatusCode.Unknown, "Exception was thrown by handler."), context.ResponseTrailers);
            }
        }
    }
}

/// <summary>One method of <see cref="FramedMethods"/>.</summary>
internal interface IFramedMethod
{
    /// <summary>
    /// Parses the request from <paramref name="payload"/> (before it returns: the payload is only
    /// valid until then), runs the handler and returns the answer frame, failures included.
    /// </summary>
    Task<CallFrame> RunAsync(ReadOnlyMemory<byte> payload, FramedServerCallContext context);
}
