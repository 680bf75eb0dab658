using System.Diagnostics.Metrics;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>A private temp directory holding origin repositories and the cache under test.</summary>
public abstract class GitCacheTestContext : IDisposable
{
    /// <summary>Bounds every await, so a hang fails the test instead of stalling the run.</summary>
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    protected GitCacheTestContext()
    {
        Root = Path.Combine(Path.GetTempPath(), "cuvis-git-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        CacheDirectory = Path.Combine(Root, "cache");
    }

    protected string Root { get; }

    internal SandboxMetrics Metrics { get; } = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    protected string CacheDirectory { get; }

    protected string ReposDirectory => Path.Combine(CacheDirectory, "repos");

    protected string TmpDirectory => Path.Combine(CacheDirectory, "tmp");

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    internal TestGitRepository CreateOrigin(string name = "origin") => TestGitRepository.Create(Path.Combine(Root, name));

    internal GitRepositoryCache CreateSut(Action<GitCacheOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var options = new GitCacheOptions { Directory = CacheDirectory };
        configure?.Invoke(options);
        return new GitRepositoryCache(options, timeProvider ?? TimeProvider.System, Metrics, NullLogger<GitRepositoryCache>.Instance);
    }

    /// <summary>The source limits a default configuration sets.</summary>
    internal static SourceLimits DefaultLimits { get; } = SourceLimits.From(new PluginOptions());

    internal static async Task<GitCheckout> CheckoutAsync(
        GitRepositoryCache cache, string url, string gitRef, string pluginName = "plugin", SourceLimits? limits = null) =>
        await cache.CheckoutAsync(pluginName, url, gitRef, limits ?? DefaultLimits, CancellationToken.None).WaitAsync(Timeout);

    internal static async Task<GitFetchException> CheckoutFailsAsync(GitRepositoryCache cache, string url, string gitRef, string pluginName = "plugin")
    {
        var act = () => cache.CheckoutAsync(pluginName, url, gitRef, DefaultLimits, CancellationToken.None).WaitAsync(Timeout);
        return (await act.Should().ThrowAsync<GitFetchException>()).Which;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after <see cref="Timeout"/>.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    protected static string ReadFile(string directory, string relative) => File.ReadAllText(Path.Combine(directory, relative));
}
