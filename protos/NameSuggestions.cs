namespace Cuvis.Sandbox.Protos;

/// <summary>Finds the names closest to a mistyped one, for "did you mean" hints (node classes in the worker, config types in both ends).</summary>
public static class NameSuggestions
{
    private const int MaxSuggestions = 3;

    // Distance costs length x length; no real class name is longer. A longer name gets no hint, and is never offered as one.
    private const int MaxComparedLength = 256;

    /// <summary>
    /// Returns up to three of <paramref name="candidates"/> within a few edits of
    /// <paramref name="name"/> (case ignored), closest first.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxComparedLength)
        {
            return [];
        }

        var budget = Math.Max(2, name.Length / 3);
        return
        [
            .. candidates
                .Where(candidate => candidate.Length <= MaxComparedLength)
                .Distinct(StringComparer.Ordinal)
                .Select(candidate => (Candidate: candidate, Distance: Distance(name, candidate)))
                .Where(match => match.Distance <= budget)
                .OrderBy(match => match.Distance)
                .ThenBy(match => match.Candidate, StringComparer.Ordinal)
                .Take(MaxSuggestions)
                .Select(match => match.Candidate),
        ];
    }

    /// <summary>Levenshtein distance ignoring case, in O(length) memory.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
