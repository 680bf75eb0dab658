using System.Text.RegularExpressions;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Checks a client's ref before it is looked up as <c>refs/tags/&lt;ref&gt;</c> or
/// <c>refs/heads/&lt;ref&gt;</c>: git's ref-name rules, plus no revision expressions
/// (<c>~ ^ @{</c>), so a ref can only name a tag, a branch or a commit.
/// </summary>
internal static partial class GitRefName
{
    /// <summary>Shortest abbreviated commit accepted; shorter hex strings are only tried as names.</summary>
    public const int MinAbbreviatedCommitLength = 7;

    public static void Validate(string gitRef)
    {
        var problem = FindProblem(gitRef);
        if (problem is not null)
        {
            var shown = new string([.. gitRef.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
            throw new GitFetchException(
                $"Ref '{shown}' is refused: {problem}. Give a tag, a branch or a commit (at least "
                + $"{MinAbbreviatedCommitLength} hex digits).");
        }
    }

    /// <summary>Whether the ref could be a full or abbreviated commit id.</summary>
    public static bool IsCommitLike(string gitRef) => CommitLike().IsMatch(gitRef);

    private static string? FindProblem(string gitRef) => gitRef switch
    {
        "" => "it is empty",
        _ when gitRef.Length > 255 => "it is longer than 255 characters",
        _ when gitRef.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "it contains whitespace or control characters",
        _ when gitRef[0] == '-' => "it starts with '-'",
        _ when ForbiddenSequence().IsMatch(gitRef) => "it contains a character or sequence git does not allow in a ref (.. ~ ^ : ? * [ \\ @{ //)",
        _ when gitRef.EndsWith('/') || gitRef.EndsWith('.') || gitRef.EndsWith(".lock", StringComparison.Ordinal) => "it ends with '/', '.' or '.lock'",
        _ when gitRef.StartsWith('/') || gitRef.Split('/').Any(part => part.StartsWith('.')) => "it starts with '/' or a part of it starts with '.'",
        "@" => "'@' alone is not a ref",
        _ => null,
    };

    [GeneratedRegex(@"\.\.|[~^:?*\[\\]|@\{|//")]
    private static partial Regex ForbiddenSequence();

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$")]
    private static partial Regex CommitLike();
}
