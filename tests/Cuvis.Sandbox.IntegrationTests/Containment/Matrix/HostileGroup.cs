namespace Cuvis.Sandbox.IntegrationTests.Containment.Matrix;

/// <summary>The lists of issue 9's hostile-plugin matrix, in the order the report shows them.</summary>
internal enum HostileGroup
{
    CrashesAndRunaways,
    Escapes,
    Floods,
    HostileBuilds,
}
