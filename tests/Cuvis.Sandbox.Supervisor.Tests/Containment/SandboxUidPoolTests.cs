using Cuvis.Sandbox.Supervisor.Containment;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Tests.Containment;

public sealed class SandboxUidPoolTests
{
    private readonly ContainmentOptions _options = new() { UidRangeStart = 5000, UidRangeSize = 16 };

    [Fact]
    public void Rent_GivesEachLiveSandboxAUidOfItsOwn_FromTheRange()
    {
        var sut = CreateSut();

        var uids = Enumerable.Range(0, 16).Select(_ => sut.Rent()).ToArray();

        uids.Should().OnlyHaveUniqueItems().And.OnlyContain(uid => uid >= 5000 && uid < 5016);
    }

    [Fact]
    public void Rent_WhenTheRangeIsSpent_FailsNamingTheSetting()
    {
        var sut = CreateSut();
        for (var i = 0; i < 16; i++)
        {
            sut.Rent();
        }

        var rent = () => sut.Rent();

        rent.Should().Throw<ContainmentUnavailableException>().WithMessage("*16 sandbox uids*Containment:UidRangeSize*");
    }

    [Fact]
    public void Rent_DoesNotHandAReturnedUidOutAgainAtOnce()
    {
        var sut = CreateSut();
        var first = sut.Rent();
        sut.Return(first);

        var next = sut.Rent();

        next.Should().NotBe(first, "a uid that just served a sandbox rests while the rest of the range is used");
    }

    private SandboxUidPool CreateSut() => new(Options.Create(_options));
}
