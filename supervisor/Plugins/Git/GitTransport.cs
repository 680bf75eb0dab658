namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>How a validated repository URL is reached.</summary>
internal enum GitTransport
{
    /// <summary>An absolute path to a repository on this machine.</summary>
    LocalPath,

    /// <summary><c>file:///absolute/path</c>.</summary>
    File,

    /// <summary><c>https://</c> or <c>http://</c>.</summary>
    Http,

    /// <summary><c>ssh://</c> or <c>user@host:path</c>: cloned with the git command line.</summary>
    Ssh,
}
