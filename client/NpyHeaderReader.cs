using System.Globalization;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// Reads the Python dict literal of a <c>.npy</c> header: the keys <c>descr</c> (a string),
/// <c>fortran_order</c> (<c>True</c> or <c>False</c>) and <c>shape</c> (a tuple of integers),
/// each exactly once, in any order, and nothing else.
/// </summary>
internal ref struct NpyHeaderReader(string text)
{
    private readonly string _text = text;
    private int _position;

    public (string Descr, bool FortranOrder, long[] Shape) ReadDictionary()
    {
        string? descr = null;
        bool? fortranOrder = null;
        long[]? shape = null;
        Expect('{');
        while (!TryTake('}'))
        {
            var key = ReadString();
            Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    descr = Peek() == '[' ? throw Problem("a structured (record) dtype; only plain numeric and bool arrays are read") : ReadString();
                    break;
                case "fortran_order" when fortranOrder is null:
                    fortranOrder = ReadBoolean();
                    break;
                case "shape" when shape is null:
                    shape = ReadShape();
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw Problem($"the key '{key}' twice");
                default:
                    throw Problem($"the key '{key}'; a .npy header holds only 'descr', 'fortran_order' and 'shape'");
            }

            if (!TryTake(','))
            {
                Expect('}');
                break;
            }
        }

        SkipSpace();
        if (_position != _text.Length)
        {
            throw Problem("text after the closing '}'");
        }

        return descr is not null && fortranOrder is not null && shape is not null
            ? (descr, fortranOrder.Value, shape)
            : throw Problem($"no '{(descr is null ? "descr" : fortranOrder is null ? "fortran_order" : "shape")}' key");
    }

    private string ReadString()
    {
        var quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Problem($"'{Shown(quote)}' where a quoted string belongs");
        }

        _position++;
        var end = _text.IndexOf(quote, _position);
        if (end < 0)
        {
            throw Problem("a string without its closing quote");
        }

        var value = _text[_position..end];
        _position = end + 1;
        return value;
    }

    private bool ReadBoolean()
    {
        SkipSpace();
        foreach (var (word, value) in (ReadOnlySpan<(string, bool)>)[("True", true), ("False", false)])
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0)
            {
                _position += word.Length;
                return value;
            }
        }

        throw Problem("a 'fortran_order' that is neither True nor False");
    }

    private long[] ReadShape()
    {
        Expect('(');
        var dimensions = new List<long>();
        while (!TryTake(')'))
        {
            var start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            if (!long.TryParse(_text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var dimension))
            {
                throw Problem($"'{Shown(Peek())}' in the shape, where a non-negative integer belongs");
            }

            TryTake('L'); // Python 2 wrote long integers as 10L
            dimensions.Add(dimension);
            if (!TryTake(','))
            {
                Expect(')');
                break;
            }
        }

        return [.. dimensions];
    }

    private char Peek()
    {
        SkipSpace();
        return _position < _text.Length ? _text[_position] : '\0';
    }

    private bool TryTake(char expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Expect(char expected)
    {
        if (!TryTake(expected))
        {
            throw Problem($"'{Shown(Peek())}' where '{expected}' belongs");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private static string Shown(char c) => c == '\0' ? "the end of the header" : c.ToString();

    private readonly FormatException Problem(string what) =>
        new($"the header {_text.TrimEnd()} has {what} (at character {_position}); it is not a .npy header this reader accepts.");
}
