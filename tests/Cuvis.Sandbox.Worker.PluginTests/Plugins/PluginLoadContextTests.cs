using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;

namespace Cuvis.Sandbox.Worker.PluginTests.Plugins;

[Collection(TestPluginsDefinition.Name)]
public sealed class PluginLoadContextTests(TestPluginBuild plugins)
{
    [Theory]
    [InlineData("Cuvis.Sandbox.Contracts, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("Cuvis.Sandbox.Contracts, Version=0.9.0.0")]
    [InlineData("cuvis.sandbox.contracts")]
    public void LoadFromAssemblyName_Contracts_GivesTheHostsAssembly(string name)
    {
        var context = new PluginLoadContext("contracts-" + Guid.NewGuid().ToString("N"), MainAssemblyOf(GoodPlugin));
        try
        {
            context.LoadFromAssemblyName(new AssemblyName(name)).Should().BeSameAs(typeof(Node).Assembly);
            context.Assemblies.Should().BeEmpty("the contracts are the host's, never loaded into the plugin's context");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void LoadFromAssemblyName_PluginDependency_LoadsItFromThePluginOutputIntoTheContext()
    {
        var context = new PluginLoadContext("dependency-" + Guid.NewGuid().ToString("N"), MainAssemblyOf(VersionBPlugin));
        try
        {
            var dependency = context.LoadFromAssemblyName(new AssemblyName("SharedDependency"));

            dependency.Location.Should().Be(Path.Combine(plugins.OutputOf(VersionBPlugin), "SharedDependency.dll"));
            dependency.GetName().Version.Should().Be(new Version(2, 0, 0, 0));
            AssemblyLoadContext.GetLoadContext(dependency).Should().BeSameAs(context);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Load_Failed_ContextIsUnloadedAndCollected()
    {
        var (error, context, unloadStarted) = LoadAndFail("collected-" + Guid.NewGuid().ToString("N"));

        error.Should().StartWith("Cannot import 'GoodPlugin.Missing'");
        context.Should().NotBeNull("the failed load must have loaded the plugin's main assembly into its context");
        unloadStarted.Should().BeTrue("the loader unloads a failed plugin's context before it returns");
        for (var attempt = 0; attempt < 20 && context!.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        context!.IsAlive.Should().BeFalse("a failed load keeps no reference into the plugin, so its context is collected");
    }

    // Not inlined, so no strong reference to the context or its assemblies stays on the test's
    // stack frame. The context is caught as it loads the main assembly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (string Error, WeakReference? Context, bool UnloadStarted) LoadAndFail(string name)
    {
        WeakReference? context = null;
        var unloadStarted = false;
        void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs e)
        {
            if (context is null && AssemblyLoadContext.GetLoadContext(e.LoadedAssembly) is { } loadedInto && loadedInto.Name == name)
            {
                context = new WeakReference(loadedInto);
                loadedInto.Unloading += _ => unloadStarted = true;
            }
        }

        AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
        try
        {
            var result = new TestSession().CreateLoader()
                .Load(plugins.Plugin(GoodPlugin, name, "GoodPlugin.ScaleNode", "GoodPlugin.Missing"));
            return (result.Error!, context, unloadStarted);
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
        }
    }

    private string MainAssemblyOf(string project) => Path.Combine(plugins.OutputOf(project), project + ".dll");
}
