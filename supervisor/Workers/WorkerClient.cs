using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Supervisor.Workers.Calls;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Polly;
using Polly.Retry;
using LoadPluginRequest = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginRequest;
using LoadPluginResponse = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginResponse;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// The typed client of one worker's private API. Generated stubs, call options and
/// <see cref="RpcException"/> stop here: a status the worker answered becomes
/// <see cref="WorkerStatusException"/>, a missed deadline <see cref="WorkerCallTimeoutException"/>,
/// and a connection that failed <see cref="WorkerUnavailableException"/>.
/// </summary>
internal sealed partial class WorkerClient : IDisposable
{
    // Control answers are tiny, and a parameter schema at most ConfigSchemas.MaxSchemaBytes; a
    // worker that sends more is refused before it is buffered.
    private const int MaxControlMessageBytes = 1024 * 1024;

    private readonly GrpcChannel _channel;
    private readonly WorkerCallChannel _calls;
    private readonly GrpcChannel _controlChannel;
    private readonly SandboxWorker.SandboxWorkerClient _client;
    private readonly SandboxWorker.SandboxWorkerClient _control;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _controlCallTimeout;

    public WorkerClient(WorkerEndpoint endpoint, string token, int maxMessageBytes, TimeSpan controlCallTimeout, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _controlCallTimeout = controlCallTimeout;
        _token = token;
        _maxMessageBytes = maxMessageBytes;
        _channel = endpoint.CreateChannel(maxMessageBytes);
        _controlChannel = endpoint.CreateChannel(MaxControlMessageBytes);
        _calls = new WorkerCallChannel(_channel.CreateCallInvoker(), maxMessageBytes, timeProvider);
        _client = Authenticated(_calls, token);
        _control = Authenticated(_controlChannel.CreateCallInvoker(), token);
    }

    /// <summary>Binds the worker to its session; checks the protocol version it answers with.</summary>
    public async Task<string> InitializeAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await _control.InitializeAsync(
            new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = sessionId },
            deadline: ControlDeadline(), cancellationToken: cancellationToken);
        if (response.ProtocolVersion != WorkerProtocol.Version)
        {
            throw new WorkerStartException(
                $"The worker answered Initialize with protocol version {response.ProtocolVersion}; "
                + $"this supervisor speaks {WorkerProtocol.Version}. Rebuild both (./run.sh).");
        }

        return response.Runtime;
    }

    /// <summary>
    /// Moves the session's calls (all but the control calls, which stay on their own gRPC channel)
    /// to the worker's call channel beside <paramref name="socketPath"/>, served by
    /// <paramref name="processId"/>. Nothing to do where the endpoint is not a Unix socket: calls
    /// then keep to gRPC.
    /// </summary>
    public Task OpenCallChannelAsync(string? socketPath, int processId, CancellationToken cancellationToken) =>
        socketPath is null ? Task.CompletedTask : _calls.OpenAsync(socketPath, processId, cancellationToken);

    /// <summary>Waits out the brief window in which a fresh worker's socket still refuses, then checks it serves.</summary>
    public async Task WaitUntilServingAsync(Func<bool> hasExited, CancellationToken cancellationToken)
    {
        var retry = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.Unavailable && !hasExited()),
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
        var health = await retry.ExecuteAsync(async token => await _control.HealthAsync(new HealthRequest(),
            deadline: ControlDeadline(), cancellationToken: token), cancellationToken);
        if (health.Status != HealthResponse.Types.ServingStatus.Serving)
        {
            throw new WorkerStartException($"The worker reports {health.Status} instead of serving.");
        }
    }

    /// <summary>
    /// One health check within the control-call timeout: the ids of the forwarded calls whose
    /// handlers still run; null when the worker did not answer.
    /// </summary>
    public async Task<IReadOnlySet<long>?> RunningCallsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var health = await _control.HealthAsync(new HealthRequest(), deadline: ControlDeadline(), cancellationToken: cancellationToken);
            return health.RunningCalls.ToHashSet();
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs a blank worker's paths once (nodes, a builtin pipeline: MinMaxNormalizer into RXPerBatch, a tiny inference) over the
    /// channel its session's calls will use, and a rehearsed Initialize, so they find the connection open and their code
    /// compiled. Throws <see cref="WorkerStartException"/> when the worker cannot.
    /// </summary>
    public async Task WarmUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A tiny cube that is not constant, through the two builtins whose first calls cost the most to compile.
        var values = Enumerable.Range(0, 2 * 2 * 3).Select(i => (float)(i * i % 7)).ToArray();
        var cube = new Tensor { Dtype = DType.Float32, RawData = Google.Protobuf.ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        cube.Shape.Add([1, 2, 2, 3]);
        var request = new WarmUpRequest
        {
            Pipeline = new LoadPipelineRequest
            {
                Config = new PipelineConfig
                {
                    ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8(
                        "nodes: [{name: warm, class: MinMaxNormalizer}, {name: rx, class: RXPerBatch}]\n"
                        + "connections: [{from: warm.outputs.normalized, to: rx.inputs.data}]"),
                },
            },
            Inference = new InferenceRequest { Inputs = new InputBatch { ExtraInputs = { ["data"] = cube } } },
        };
        try
        {
            var response = await _client.WarmUpAsync(request, deadline: _timeProvider.GetUtcNow().UtcDateTime + timeout, cancellationToken: cancellationToken);
            if (!response.Inference.Outputs.ContainsKey("rx.scores"))
            {
                throw new WorkerStartException("The worker's warm-up inference answered without the output it was asked for.");
            }

            await RehearseInitializeAsync(cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw new WorkerStartException($"The worker failed its warm-up call: {e.Status.StatusCode}: {WorkerText.Bound(e.Status.Detail)}", e);
        }
    }

    /// <summary>
    /// Initialize as a rehearsal, which the worker answers as it answers a bind, through the same
    /// parser, handler, log line and response writer, but binds nothing: the bind that follows
    /// runs compiled code. A worker that answers with another protocol version is broken.
    /// </summary>
    private async Task RehearseInitializeAsync(CancellationToken cancellationToken)
    {
        var response = await _control.InitializeAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, Rehearsal = true },
            deadline: ControlDeadline(), cancellationToken: cancellationToken);
        if (response.ProtocolVersion != WorkerProtocol.Version)
        {
            throw new WorkerStartException($"The worker rehearsed Initialize with protocol version {response.ProtocolVersion}; this supervisor speaks {WorkerProtocol.Version}.");
        }
    }

    /// <summary>Asks the worker to exit; false when it could not take the request.</summary>
    public async Task<bool> ShutdownAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            await _control.ShutdownAsync(new ShutdownRequest { Reason = reason }, deadline: ControlDeadline(), cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    /// <summary>Loads a plugin; the worker's error text, which plugin code can shape, is cut to a readable length.</summary>
    public async Task<LoadPluginResponse> LoadPluginAsync(LoadPluginRequest request, WorkerCall call)
    {
        var response = await InvokeAsync(call, options => _client.LoadPluginAsync(request, options));
        response.Error = WorkerText.Bound(response.Error);
        return response;
    }

    public Task<LoadPipelineResponse> LoadPipelineAsync(LoadPipelineRequest request, WorkerCall call) =>
        InvokeAsync(call, options => _client.LoadPipelineAsync(request, options));

    public Task<ListAvailableNodesResponse> ListAvailableNodesAsync(ListAvailableNodesRequest request, WorkerCall call) =>
        InvokeAsync(call, options => _client.ListAvailableNodesAsync(request, options));

    public Task<GetPipelineInputsResponse> GetPipelineInputsAsync(GetPipelineInputsRequest request, WorkerCall call) =>
        InvokeAsync(call, options => _client.GetPipelineInputsAsync(request, options));

    public Task<GetPipelineOutputsResponse> GetPipelineOutputsAsync(GetPipelineOutputsRequest request, WorkerCall call) =>
        InvokeAsync(call, options => _client.GetPipelineOutputsAsync(request, options));

    /// <summary>
    /// ValidateConfig for a pipeline, built by the worker and dropped. The answer is untrusted: at
    /// most <see cref="MaxValidationLines"/> lines of at most <see cref="MaxValidationLineLength"/>
    /// characters, and valid only with no errors.
    /// </summary>
    public async Task<ValidateConfigResponse> ValidatePipelineAsync(ValidateConfigRequest request, WorkerCall call)
    {
        var response = await InvokeAsync(call, options => _control.ValidatePipelineAsync(request, options));
        if (response.Errors.Count + response.Warnings.Count > MaxValidationLines
            || response.Errors.Concat(response.Warnings).Any(l => l.Length > MaxValidationLineLength)
            || (response.Valid && response.Errors.Count > 0))
        {
            throw new WorkerStatusException(StatusCode.Internal,
                $"The worker answered ValidateConfig with more than {MaxValidationLines} lines, a line over {MaxValidationLineLength} characters, or errors on a valid document.");
        }

        return response;
    }

    /// <summary>Most lines a worker's ValidateConfig answer may hold (the builder lists at most 100 problems and a count line).</summary>
    public const int MaxValidationLines = 256;

    /// <summary>Longest line a worker's ValidateConfig answer may hold.</summary>
    public const int MaxValidationLineLength = 8192;

    /// <summary>
    /// A parameter schema, over the control channel, whose message limit refuses an oversized
    /// answer before it is buffered; held to <see cref="ConfigSchemas.MaxSchemaBytes"/> and to
    /// being one JSON object, as the worker's answers are untrusted (it runs plugin code).
    /// </summary>
    public async Task<GetParameterSchemaResponse> GetParameterSchemaAsync(GetParameterSchemaRequest request, WorkerCall call)
    {
        var response = await InvokeAsync(call, options => _control.GetParameterSchemaAsync(request, options));
        var size = ConfigSchemas.ByteCount(response.JsonSchema);
        if (size > ConfigSchemas.MaxSchemaBytes || !IsJsonObject(response.JsonSchema))
        {
            throw new WorkerStatusException(StatusCode.Internal,
                $"The worker answered GetParameterSchema with {size} bytes that are not a JSON Schema of at most {ConfigSchemas.MaxSchemaBytes} bytes (a JSON object).");
        }

        return response;
    }

    public void Dispose()
    {
        _calls.Dispose();
        _channel.Dispose();
        _controlChannel.Dispose();
        _files?.Dispose();
    }

    private static SandboxWorker.SandboxWorkerClient Authenticated(CallInvoker invoker, string token) =>
        new(invoker.Intercept(metadata =>
        {
            metadata.Add(WorkerProtocol.TokenHeader, token);
            return metadata;
        }));

    private static async Task<TResponse> InvokeAsync<TResponse>(
        WorkerCall call, Func<CallOptions, AsyncUnaryCall<TResponse>> invoke, Action<string, string>? relayTrailer = null)
    {
        var headers = new Metadata { { WorkerProtocol.CallIdHeader, call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        try
        {
            var unary = invoke(new CallOptions(headers, call.Deadline, call.CancellationToken));
            var response = await unary;
            if (relayTrailer is not null)
            {
                Relay(unary.GetTrailers(), relayTrailer);
            }

            return response;
        }
        catch (RpcException) when (call.CancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(call.CancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw new WorkerCallTimeoutException($"{call.Method} did not finish before its deadline ({call.DeadlineSource}).", e);
        }
        catch (RpcException e) when (IsTransportFailure(e))
        {
            throw new WorkerUnavailableException($"The worker cannot be reached: {WorkerText.Bound(e.Status.Detail)}", e);
        }
        catch (RpcException e)
        {
            throw new WorkerStatusException(e.StatusCode, WorkerText.Bound(e.Status.Detail), WorkerStatusDetails.FieldProblems(e), e);
        }
    }

    private static void Relay(Metadata trailers, Action<string, string> relayTrailer)
    {
        foreach (var trailer in trailers)
        {
            if (!trailer.IsBinary && trailer.Key.StartsWith(WorkerProtocol.RelayedTrailerPrefix, StringComparison.Ordinal))
            {
                relayTrailer(trailer.Key, trailer.Value);
            }
        }
    }

    /// <summary>
    /// True when the client itself produced the status (connection refused or reset, a broken
    /// stream, the channel disposed because the worker is gone), as opposed to a status the
    /// worker answered with, such as a node's INTERNAL.
    /// </summary>
    private static bool IsTransportFailure(RpcException e) =>
        e.Status.DebugException is not null || e.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled;

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private DateTime ControlDeadline() => _timeProvider.GetUtcNow().UtcDateTime + _controlCallTimeout;
}
