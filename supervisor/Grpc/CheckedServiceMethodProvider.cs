using System.Buffers;
using System.Reflection;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Hosting;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Binds the public service's methods as grpc-dotnet's own binder does, with the request checked
/// as it is read. grpc-dotnet parses a request before any interceptor runs, and answers one that
/// is not a valid message (invalid UTF-8 in a string, a field cut short) with UNKNOWN "Exception
/// was thrown by handler."; here it is INVALID_ARGUMENT saying what could not be read. An
/// InferenceRequest is also held to <see cref="InferenceRequestLimits"/> before it is parsed.
/// Statuses come from the domain exceptions' one mapping, <see cref="DomainExceptionInterceptor.ToStatusCode"/>.
/// </summary>
internal sealed class CheckedServiceMethodProvider(IOptions<ServerOptions> options) : IServiceMethodProvider<CuvisAIGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<CuvisAIGrpcService> context) =>
        CuvisAIService.BindService(new Binder(context, options.Value.MaxInferenceInputs), null!);

    private sealed class Binder(ServiceMethodProviderContext<CuvisAIGrpcService> context, int maxInferenceInputs) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            Action<ReadOnlySequence<byte>>? check = typeof(TRequest) == typeof(InferenceRequest)
                ? payload => InferenceRequestLimits.Check(payload, maxInferenceInputs)
                : null;
            var deserializer = method.RequestMarshaller.ContextualDeserializer;
            var checkedMethod = new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name,
                Marshallers.Create(method.RequestMarshaller.ContextualSerializer, request => Read(request, deserializer, check)),
                method.ResponseMarshaller);

            var implementation = typeof(CuvisAIGrpcService).GetMethod(
                method.Name, BindingFlags.Public | BindingFlags.Instance, [typeof(TRequest), typeof(ServerCallContext)])
                ?? throw new InvalidOperationException($"{nameof(CuvisAIGrpcService)} has no {method.Name} method.");
            List<object> metadata =
            [
                .. typeof(CuvisAIGrpcService).GetCustomAttributes(inherit: true),
                .. implementation.GetCustomAttributes(inherit: true),
                new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
            ];
            context.AddUnaryMethod(checkedMethod, metadata,
                implementation.CreateDelegate<UnaryServerMethod<CuvisAIGrpcService, TRequest, TResponse>>());
        }

        private static TRequest Read<TRequest>(
            DeserializationContext request, Func<DeserializationContext, TRequest> deserializer, Action<ReadOnlySequence<byte>>? check)
        {
            try
            {
                check?.Invoke(request.PayloadAsReadOnlySequence());
                return deserializer(request);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw ToRpcException(MalformedRequestException.Unreadable(typeof(TRequest).Name, e.Message));
            }
            catch (SandboxException e)
            {
                throw ToRpcException(e);
            }
        }

        private static RpcException ToRpcException(SandboxException e) => new(new Status(DomainExceptionInterceptor.ToStatusCode(e), e.Message));
    }
}
