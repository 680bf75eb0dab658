using Cuvis.Sandbox.Supervisor.Plugins.Git;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

public class GitRefNameTests
{
    [Theory]
    [InlineData("v1.0.0")]
    [InlineData("main")]
    [InlineData("feature/new-node")]
    [InlineData("release-2025.1")]
    [InlineData("0123abc")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public void Validate_TagBranchOrCommit_DoesNotThrow(string gitRef)
    {
        var act = () => GitRefName.Validate(gitRef);

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-u", "starts with '-'")]
    [InlineData("--upload-pack=evil", "starts with '-'")]
    [InlineData("main~1", "does not allow")]
    [InlineData("v1^{}", "does not allow")]
    [InlineData("HEAD@{1}", "does not allow")]
    [InlineData("../heads/main", "does not allow")]
    [InlineData("a..b", "does not allow")]
    [InlineData("refs:evil", "does not allow")]
    [InlineData("v1 v2", "whitespace")]
    [InlineData("v1\n", "whitespace")]
    [InlineData("main.lock", "'.lock'")]
    [InlineData("feature/", "ends with '/'")]
    [InlineData(".hidden", "starts with '.'")]
    [InlineData("/main", "starts with '/'")]
    public void Validate_InvalidRef_ThrowsWithReason(string gitRef, string reason)
    {
        var act = () => GitRefName.Validate(gitRef);

        act.Should().Throw<GitFetchException>()
            .Which.Message.Should().StartWith("Ref '").And.Contain(reason).And.Contain("Give a tag, a branch or a commit");
    }

    [Theory]
    [InlineData("abcdef0", true)]
    [InlineData("ABCDEF0123", true)]
    [InlineData("abcdef", false)]
    [InlineData("v1.0.0", false)]
    [InlineData("0123456789abcdef0123456789abcdef012345678", false)]
    public void IsCommitLike_Ref_AcceptsSevenToFortyHexDigits(string gitRef, bool expected)
    {
        GitRefName.IsCommitLike(gitRef).Should().Be(expected);
    }
}
