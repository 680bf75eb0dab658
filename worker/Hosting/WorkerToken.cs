using System.Text;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>The per-worker secret the supervisor sends as the first line of stdin (never argv or environment).</summary>
internal sealed class WorkerToken(string value)
{
    public byte[] Bytes { get; } = Encoding.ASCII.GetBytes(value);
}
