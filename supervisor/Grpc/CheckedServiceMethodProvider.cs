using System.Buffers;
using System.Reflection;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.SharedInputs;
using Cuvis.Sandbox.Supervisor.Workers;
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
/// InferenceRequest is also held to <see cref="InferenceRequestLimits"/> before it is parsed, and a
/// large one is not parsed here at all (<see cref="Binder.AddInference"/>).
/// Statuses come from the domain exceptions' one mapping, <see cref="DomainExceptionInterceptor.ToStatusCode"/>.
/// </summary>
internal sealed class CheckedServiceMethodProvider(
    IOptions<ServerOptions> options, IOptions<WorkerOptions> workerOptions, SessionRegistry sessions, IHttpContextAccessor httpContext,
    SharedInputResolver sharedInputs)
    : IServiceMethodProvider<CuvisAIGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<CuvisAIGrpcService> context) =>
        CuvisAIService.BindService(
            new Binder(context, options.Value.MaxInferenceInputs, workerOptions.Value.SharedMemoryThresholdBytes, sessions, httpContext, sharedInputs), null!);

    private sealed class Binder(
        ServiceMethodProviderContext<CuvisAIGrpcService> context,
        int maxInferenceInputs,
        int sharedMemoryThreshold,
        SessionRegistry sessions,
        IHttpContextAccessor httpContext,
        SharedInputResolver sharedInputs)
        : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (method is Method<InferenceRequest, InferenceResponse> inference)
            {
                AddInference(inference);
                return;
            }

            var deserializer = method.RequestMarshaller.ContextualDeserializer;
            var checkedMethod = new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name,
                Marshallers.Create(method.RequestMarshaller.ContextualSerializer, request => Read(request, deserializer, check: null)),
                method.ResponseMarshaller);
            Add(checkedMethod, method.Name, typeof(TRequest));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var deserializer = method.RequestMarshaller.ContextualDeserializer;
            var checkedMethod = new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name,
                Marshallers.Create(method.RequestMarshaller.ContextualSerializer, request => Read(request, deserializer, check: null)),
                method.ResponseMarshaller);
            var implementation = Implementation(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>));
            context.AddServerStreamingMethod(checkedMethod, Metadata(implementation),
                implementation.CreateDelegate<ServerStreamingServerMethod<CuvisAIGrpcService, TRequest, TResponse>>());
        }

        /// <summary>
        /// Inference takes an <see cref="InferenceCall"/> and answers an <see cref="InferenceAnswer"/>:
        /// the same messages on the wire, but a request of <c>Workers:SharedMemoryThresholdBytes</c>
        /// or more is copied, unparsed, into one of its session's shared-memory arenas for the worker
        /// (only its session id is read), and the answer that comes back there is read from it into
        /// the response.
        /// </summary>
        private void AddInference(Method<InferenceRequest, InferenceResponse> method)
        {
            var deserializer = method.RequestMarshaller.ContextualDeserializer;
            var serializer = method.RequestMarshaller.ContextualSerializer;
            var forwarded = new Method<InferenceCall, InferenceAnswer>(method.Type, method.ServiceName, method.Name,
                Marshallers.Create<InferenceCall>(
                    (call, context) => serializer(call.Parsed ?? throw new NotSupportedException("A shared request is never sent on."), context),
                    request => ReadInference(request, deserializer)),
                Marshallers.Create<InferenceAnswer>(
                    (answer, context) =>
                    {
                        context.SetPayloadLength(answer.Length);
                        answer.WriteTo(context.GetBufferWriter());
                        context.Complete();
                    },
                    _ => throw new NotSupportedException("The server reads no answers.")));
            Add(forwarded, method.Name, typeof(InferenceCall));
        }

        private InferenceCall ReadInference(DeserializationContext request, Func<DeserializationContext, InferenceRequest> deserializer)
        {
            var payload = request.PayloadAsReadOnlySequence();
            if (!SharedMemoryFile.IsSupported || payload.Length < sharedMemoryThreshold || ShmRefScan.Any(payload))
            {
                return WithSharedInputs(Read(request, deserializer, check: p => InferenceRequestLimits.Check(p, maxInferenceInputs)));
            }

            SessionArenas arenas;
            SharedArena arena;
            string? sessionId;
            try
            {
                InferenceRequestLimits.Check(payload, maxInferenceInputs);
                // What cannot be walked, or names its session in invalid UTF-8, the parser reports.
                if ((sessionId = ProtobufWire.ReadString(payload, field: 1)) is null)
                {
                    return InferenceCall.Of(Read(request, deserializer, check: null));
                }

                // Checked as the call's caller before a byte goes into the session's arena.
                arenas = sessions.Get(sessionId, httpContext.HttpContext!.GetCaller()).Arenas;
                arena = arenas.Rent();
            }
            catch (SandboxException e)
            {
                throw ToRpcException(e);
            }

            try
            {
                arena.WriteRequest(payload);
                return InferenceCall.Shared(sessionId, arena, arenas, payload.Length);
            }
            catch
            {
                arenas.Retire(arena);
                throw;
            }
        }

        /// <summary>The parsed request, or, when it passes tensors by shm_ref, the request with their bytes in one of the session's arenas.</summary>
        private InferenceCall WithSharedInputs(InferenceRequest parsed)
        {
            var http = httpContext.HttpContext!;
            try
            {
                return sharedInputs.Resolve(parsed, http.Connection, () => sessions.Get(parsed.SessionId, http.GetCaller()).Arenas)
                    ?? InferenceCall.Of(parsed);
            }
            catch (SandboxException e)
            {
                throw ToRpcException(e);
            }
        }

        private void Add<TRequest, TResponse>(Method<TRequest, TResponse> method, string name, Type requestType)
            where TRequest : class
            where TResponse : class
        {
            var implementation = Implementation(name, requestType);
            context.AddUnaryMethod(method, Metadata(implementation),
                implementation.CreateDelegate<UnaryServerMethod<CuvisAIGrpcService, TRequest, TResponse>>());
        }

        private static MethodInfo Implementation(string name, params Type[] parameters) =>
            typeof(CuvisAIGrpcService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, [.. parameters, typeof(ServerCallContext)])
            ?? throw new InvalidOperationException($"{nameof(CuvisAIGrpcService)} has no {name} method.");

        private static List<object> Metadata(MethodInfo implementation) =>
        [
            .. typeof(CuvisAIGrpcService).GetCustomAttributes(inherit: true),
            .. implementation.GetCustomAttributes(inherit: true),
            new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
        ];

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

        private static RpcException ToRpcException(SandboxException e) => DomainExceptionInterceptor.ToRpcException(e);
    }
}
