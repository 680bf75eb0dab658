using System.Net.Sockets;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Supervisor.Workers.Calls;
using Google.Protobuf;

namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>
/// What a hostile worker sends the supervisor on a call-channel connection: the bytes arrive on a
/// real socket, and the supervisor reads them frame by frame (<see cref="CallFrameReader"/>, limits
/// as for a 1 MiB message) as answers to ListAvailableNodes (<see cref="CallAnswer"/>). A cut frame,
/// a length over the limits, a header or message that does not parse, or a metadata key gRPC refuses
/// is the domain error (the channel's UNAVAILABLE); anything else, or an allocation past the budget,
/// is a finding.
/// </summary>
internal sealed class CallAnswerTarget : IFuzzTarget
{
    private const int MaxMessageBytes = 1024 * 1024;
    private static readonly AllocationBudget Budget = new(256 * 1024, 64);
    private static readonly Lazy<Socket> Listener = new(Listen);

    public string Name => "call-answer";

    public void Run(byte[] input)
    {
        using var sender = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        sender.Connect(Listener.Value.LocalEndPoint!);
        using var receiver = Listener.Value.Accept();
        receiver.ReceiveTimeout = 10_000;
        var sending = Task.Run(() =>
        {
            sender.Send(input);
            sender.Shutdown(SocketShutdown.Send);
        });

        using var reader = new CallFrameReader(MaxMessageBytes);
        try
        {
            Budget.Measure(input, () =>
            {
                while (reader.Read(receiver) is { } frame)
                {
                    var (response, status, _) = CallAnswer.Read(Method, frame);
                    if ((response is null) == (status.StatusCode == Grpc.Core.StatusCode.OK))
                    {
                        throw new FuzzFinding($"An answer came with status {status.StatusCode} and {(response is null ? "no" : "a")} message.");
                    }
                }

                return true;
            });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidProtocolBufferException)
        {
        }

        sending.Wait(TimeSpan.FromSeconds(10));
    }

    private static Grpc.Core.Method<Protos.V1.ListAvailableNodesRequest, Protos.V1.ListAvailableNodesResponse> Method { get; } =
        new(Grpc.Core.MethodType.Unary, "cuvis_sandbox.worker.v1.SandboxWorker", "ListAvailableNodes",
            Grpc.Core.Marshallers.Create(r => r.ToByteArray(), Protos.V1.ListAvailableNodesRequest.Parser.ParseFrom),
            Grpc.Core.Marshallers.Create(r => r.ToByteArray(), Protos.V1.ListAvailableNodesResponse.Parser.ParseFrom));

    private static Socket Listen()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cuvis-fuzz-answer-").FullName, "calls.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        return listener;
    }
}
