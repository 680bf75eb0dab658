using Cuvis.Sandbox.Supervisor.Sessions;

namespace Cuvis.Sandbox.Supervisor.Tests.Sessions;

public sealed class SessionIdTests
{
    [Fact]
    public void New_IsAVersion4RandomUuid()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => SessionId.New().Value).ToArray();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id =>
        {
            Guid.TryParseExact(id, "D", out _).Should().BeTrue();
            id[14].Should().Be('4');
            id[19].Should().BeOneOf('8', '9', 'a', 'b');
        });
    }
}
