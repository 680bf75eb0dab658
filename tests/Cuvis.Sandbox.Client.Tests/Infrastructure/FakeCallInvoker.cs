using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.Client.Tests.Infrastructure;

/// <summary>
/// A server in a box: answers each unary call with what <see cref="Respond"/> returns for it (a
/// response message, or an exception to fail with) and records every call it saw, with its
/// request and options.
/// </summary>
internal sealed class FakeCallInvoker : CallInvoker
{
    private readonly List<Call> _calls = [];

    /// <summary>What the fake answers: a response message, or an <see cref="Exception"/> to fail with.</summary>
    public Func<Call, object> Respond { get; set; } = call => throw new InvalidOperationException($"No answer set for {call.Method}.");

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Call Last => Calls[^1];

    /// <summary>Answers <paramref name="method"/> with <paramref name="response"/> and every other call as before.</summary>
    public FakeCallInvoker On(string method, Func<Call, object> response)
    {
        var previous = Respond;
        Respond = call => call.Method == method ? response(call) : previous(call);
        return this;
    }

    public FakeCallInvoker On(string method, object response) => On(method, _ => response);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new Call(method.Name, (IMessage)request, options);
        lock (_calls)
        {
            _calls.Add(call);
        }

        Task<TResponse> response;
        try
        {
            var answer = Respond(call);
            response = answer is Exception e ? Task.FromException<TResponse>(e) : Task.FromResult((TResponse)answer);
        }
        catch (Exception e)
        {
            response = Task.FromException<TResponse>(e);
        }

        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException("The client makes no blocking calls.");

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    /// <summary>One call the client made.</summary>
    internal sealed record Call(string Method, IMessage Request, CallOptions Options)
    {
        public T RequestAs<T>()
            where T : IMessage => (T)Request;
    }
}
