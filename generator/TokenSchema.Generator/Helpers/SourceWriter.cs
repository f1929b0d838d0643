using System;
using System.Text;

namespace TokenSchema.Generator.Helpers;

/// <summary>Writes C# text line by line with four-space indentation and <c>\n</c> line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private bool _pendingBlank;
    private bool _afterOpen;

    /// <summary>
    /// Writes one line at the current indentation. An empty line is a separator: it is dropped after <c>{</c>,
    /// before <c>}</c> and next to another separator, so callers may ask for one after every block.
    /// </summary>
    public SourceWriter Line(string line = "")
    {
        if (line.Length == 0)
        {
            _pendingBlank = _text.Length > 0 && !_afterOpen;
            return this;
        }

        if (_pendingBlank && !line.StartsWith("}", StringComparison.Ordinal))
        {
            _text.Append('\n');
        }

        _pendingBlank = false;
        _afterOpen = line == "{";
        _text.Append(' ', _indent * 4).Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents the lines that follow.</summary>
    public SourceWriter Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public SourceWriter Close(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("No block is open.");
        }

        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => _text.ToString();
}
