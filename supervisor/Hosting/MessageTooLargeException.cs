using System.Globalization;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>A request's message declares more bytes than <see cref="ServerOptions.MaxMessageBytes"/>; refused before it is read.</summary>
internal sealed class MessageTooLargeException(long declaredBytes, long maxMessageBytes)
    : SandboxException(
        $"The request's message declares {Mib(declaredBytes)} MiB ({declaredBytes:N0} bytes), more than the {Mib(maxMessageBytes)} MiB "
        + "Server:MaxMessageBytes allows; it was refused before it was read. Send smaller messages (fewer or smaller tensors per call), "
        + "or ask the operator to raise Server:MaxMessageBytes.")
{
    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
}
