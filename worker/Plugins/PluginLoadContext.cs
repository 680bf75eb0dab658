using System.Reflection;
using System.Runtime.Loader;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>
/// One plugin's own collectible load context. The plugin's dependencies, managed and native,
/// resolve from its build output through its <c>.deps.json</c>, so two plugins may carry
/// different versions of the same library. The contracts assembly is the one exception: it
/// always comes from the host.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    /// <summary>The simple name of the one assembly every plugin shares with the host.</summary>
    public static readonly string ContractsAssemblyName = typeof(Node).Assembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver;

    /// <summary>Creates the context; throws <see cref="InvalidOperationException"/> if the plugin's <c>.deps.json</c> cannot be read.</summary>
    public PluginLoadContext(string pluginName, string mainAssemblyPath)
        : base(pluginName, isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Deferring to the default context makes typeof(Node) the same type on both sides, and
        // lets a plugin built against any 1.x contracts package bind to the host's 1.x, whatever
        // copy of the contracts its build output holds.
        if (string.Equals(assemblyName.Name, ContractsAssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // No path means the plugin does not carry the assembly: a framework assembly, which the
        // default context resolves, or a missing one, which then fails with the runtime's message.
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
