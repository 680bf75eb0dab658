using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Tools;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// The baseline of the relay rows: a worker the bench starts itself, uncontained, and calls over
/// its Unix socket with the supervisor's handshake (secret on stdin, ready line on stdout, the
/// secret on every call, Initialize binding it to a session). One gRPC hop to one process.
/// </summary>
internal sealed class DirectWorker : IAsyncDisposable
{
    private const int MaxMessageBytes = 1 << 30;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly GrpcChannel _channel;

    private DirectWorker(Process process, GrpcChannel channel, CallInvoker invoker, string sessionId)
    {
        _process = process;
        _channel = channel;
        Client = new SandboxWorker.SandboxWorkerClient(invoker);
        SessionId = sessionId;
    }

    public SandboxWorker.SandboxWorkerClient Client { get; }

    public string SessionId { get; }

    public int ProcessId => _process.Id;

    public static async Task<DirectWorker> StartAsync(BenchSettings bench)
    {
        var directory = Path.Combine(bench.WorkDirectory, "direct");
        Directory.CreateDirectory(directory);
        var socket = Path.Combine(directory, "worker.sock");
        var start = new ProcessStartInfo(ToolLayout.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[bench.WorkerAssembly, "--endpoint", "unix:" + socket, "--scratch-dir", Path.Combine(directory, "scratch"),
                     "--protocol", WorkerProtocol.Version.ToString(CultureInfo.InvariantCulture),
                     "--max-message-bytes", MaxMessageBytes.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the worker {bench.WorkerAssembly}.");
        var stderr = new StreamWriter(Path.Combine(directory, "worker.log")) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (stderr)
                {
                    stderr.WriteLine(line);
                }
            }
        };
        process.BeginErrorReadLine();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        // The worker reads its secret from the first line and exits when stdin closes: it stays open.
        await process.StandardInput.WriteLineAsync(secret);
        await process.StandardInput.FlushAsync();

        var ready = await ReadyLineAsync(process).WaitAsync(ReadyTimeout);
        if (!ready.StartsWith($"{WorkerProtocol.ReadyPrefix} protocol={WorkerProtocol.Version.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The worker printed '{ready}' instead of its ready line for protocol {WorkerProtocol.Version}.");
        }

        var channel = GrpcChannel.ForAddress("http://worker", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(connection, ownsSocket: true);
                },
            },
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
        var invoker = channel.Intercept(headers =>
        {
            headers.Add(WorkerProtocol.TokenHeader, secret);
            return headers;
        });
        var sessionId = Guid.NewGuid().ToString();
        var worker = new DirectWorker(process, channel, invoker, sessionId);
        await worker.Client.InitializeAsync(
            new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = sessionId }, deadline: Deadlines.Control());
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.ShutdownAsync(new ShutdownRequest { Reason = "bench finished" }, deadline: DateTime.UtcNow.AddSeconds(5));
        }
        catch (RpcException)
        {
            // Gone already, or not answering: closing stdin and the kill below end it either way.
        }

        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _channel.Dispose();
        _process.Dispose();
    }

    private static async Task<string> ReadyLineAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(WorkerProtocol.ReadyPrefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        await process.WaitForExitAsync();
        throw new InvalidOperationException($"The worker exited with code {process.ExitCode} before its ready line.");
    }
}
