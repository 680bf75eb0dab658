using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Worker.PluginTests.Infrastructure;

/// <summary>The worker-side objects of one session, as a worker process would hold them.</summary>
internal sealed class TestSession
{
    public static readonly WorkerSession Session = WorkerSession.BoundTo("test-session");

    public PluginRegistry Registry { get; } = new();

    public PluginLoader CreateLoader() => new(Registry, Session, NullLogger<PluginLoader>.Instance);
}
