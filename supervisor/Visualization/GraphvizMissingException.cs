namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>png or svg was asked for, and the server has no Graphviz to render it.</summary>
internal sealed class GraphvizMissingException(string dotPath)
    : SandboxException($"This server cannot render png or svg: Graphviz's dot is not at {dotPath}. Install the Debian package 'graphviz' "
        + "(or set Visualization:DotPath), or ask for format 'dot' to get the DOT text.");
