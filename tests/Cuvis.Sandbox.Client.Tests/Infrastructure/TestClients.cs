namespace Cuvis.Sandbox.Client.Tests.Infrastructure;

/// <summary>Clients and sessions over a <see cref="FakeCallInvoker"/>.</summary>
internal static class TestClients
{
    public const string SessionId = "6f1c2c1e-0d1f-4c51-9a55-6d1a0e2b7c11";

    public static CuvisSandboxClient Over(FakeCallInvoker invoker, CuvisSandboxClientOptions? options = null) => new(invoker, options);

    /// <summary>A session handle on <see cref="SessionId"/>; no call is made.</summary>
    public static CuvisSession Session(FakeCallInvoker invoker, CuvisSandboxClientOptions? options = null) =>
        Over(invoker, options).AttachSession(SessionId);
}
