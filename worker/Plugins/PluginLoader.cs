using System.Reflection;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>
/// Loads a built plugin into its own <see cref="PluginLoadContext"/> and registers it. Every fault
/// of the plugin (a missing file or dependency, a provided type that is not a usable node, bad
/// port declarations) comes back as a <see cref="PluginLoadResult"/> with a message for the
/// client; the context is then unloaded and nothing of the plugin is registered.
/// </summary>
internal sealed class PluginLoader(PluginRegistry registry, WorkerSession session, ILogger<PluginLoader> logger)
{
    private static readonly Version ContractsVersion = typeof(Contracts.Node).Assembly.GetName().Version!;

    public PluginLoadResult Load(BuiltPlugin plugin)
    {
        var result = LoadAndRegister(plugin);
        if (result.Loaded)
        {
            PluginLog.Loaded(logger, session.Id, plugin.Name, plugin.Directory, result.Plugin.Nodes.Count);
        }
        else
        {
            PluginLog.Rejected(logger, session.Id, plugin.Name, result.Error);
        }

        return result;
    }

    private PluginLoadResult LoadAndRegister(BuiltPlugin plugin)
    {
        if (plugin.FindProblem() is { } problem)
        {
            return PluginLoadResult.Failure(problem);
        }

        // Checked again when registering; asking first spares loading a plugin's code for nothing.
        if (registry.Contains(plugin.Name))
        {
            return PluginLoadResult.Failure(PluginRegistry.AlreadyLoaded(plugin.Name));
        }

        PluginLoadContext? context = null;
        try
        {
            context = new PluginLoadContext(plugin.Name, plugin.MainAssemblyPath);
            var nodes = new List<NodeDescriptor>(plugin.Provides.Count);
            if (Import(context, plugin, nodes) is { } error)
            {
                return PluginLoadResult.Failure(error);
            }

            var loaded = new LoadedPlugin(plugin.Name, plugin.Directory, context, nodes);
            if (!registry.TryRegister(loaded, out var conflict))
            {
                return PluginLoadResult.Failure(conflict);
            }

            context = null;
            return PluginLoadResult.Success(loaded);
        }
        catch (Exception e) when (IsPluginFault(e))
        {
            return PluginLoadResult.Failure($"Plugin '{plugin.Name}' could not be loaded: {e.Message}");
        }
        finally
        {
            // Only a plugin that is not registered gets here with a context. Its assemblies go
            // once nothing refers to them; the failed load keeps no reference.
            context?.Unload();
        }
    }

    /// <summary>Loads the main assembly and its references, then describes every provided node; returns the first error.</summary>
    private static string? Import(PluginLoadContext context, BuiltPlugin plugin, List<NodeDescriptor> nodes)
    {
        Assembly main;
        try
        {
            main = context.LoadFromAssemblyPath(plugin.MainAssemblyPath);
        }
        catch (Exception e) when (IsPluginFault(e))
        {
            return $"Cannot load '{plugin.MainAssembly}' of plugin '{plugin.Name}': {e.Message}";
        }

        // Loading every direct reference now turns a dependency missing from the build output into
        // an error at load time, naming the assembly, rather than a failure in the middle of a
        // pipeline run. Only direct ones: libraries often reference assemblies they never touch
        // on this platform, and a transitive check would reject plugins that work.
        foreach (var reference in main.GetReferencedAssemblies())
        {
            if (FindReferenceProblem(context, plugin, reference) is { } problem)
            {
                return problem;
            }
        }

        foreach (var typeName in plugin.Provides.Distinct(StringComparer.Ordinal))
        {
            if (ImportNode(main, typeName, plugin, nodes) is { } reason)
            {
                return $"Cannot import '{typeName}': {reason}";
            }
        }

        return null;
    }

    private static string? FindReferenceProblem(PluginLoadContext context, BuiltPlugin plugin, AssemblyName reference)
    {
        if (string.Equals(reference.Name, PluginLoadContext.ContractsAssemblyName, StringComparison.OrdinalIgnoreCase)
            && reference.Version > ContractsVersion)
        {
            return $"Plugin '{plugin.Name}' was built against {reference.Name} {reference.Version}, but this server provides "
                + $"{ContractsVersion}. Build it against the {ContractsVersion.Major}.x contracts package.";
        }

        try
        {
            context.LoadFromAssemblyName(reference);
            return null;
        }
        catch (Exception e) when (IsPluginFault(e))
        {
            return $"Plugin '{plugin.Name}' is missing a dependency of {plugin.MainAssembly}: {e.Message} "
                + "The plugin's build output must hold every assembly it uses (a plugin project sets "
                + "<EnableDynamicLoading>true</EnableDynamicLoading> so that its NuGet dependencies are copied there).";
        }
    }

    private static string? ImportNode(Assembly main, string typeName, BuiltPlugin plugin, List<NodeDescriptor> nodes)
    {
        try
        {
            var type = main.GetType(typeName, throwOnError: false, ignoreCase: false);
            if (type is null)
            {
                return $"no such type in {plugin.MainAssembly}";
            }

            if (NodeTypeRules.FindProblem(type) is { } problem)
            {
                return problem;
            }

            nodes.Add(NodeDescriptor.Describe(type, NodeSource.Plugin, plugin.Name));
            return null;
        }
        catch (Exception e) when (IsPluginFault(e))
        {
            // NodePorts reports bad port declarations as ArgumentException, naming class and port.
            return e.Message;
        }
    }

    // What a plugin's files can make loading and reflection throw. Anything else is a fault of the
    // worker and goes up to the gRPC layer, which reports it as INTERNAL.
    private static bool IsPluginFault(Exception e) =>
        e is IOException or BadImageFormatException or TypeLoadException or ArgumentException
            or InvalidOperationException or NotSupportedException or UnauthorizedAccessException
            or CustomAttributeFormatException;
}
