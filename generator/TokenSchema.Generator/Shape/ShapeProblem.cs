using Microsoft.CodeAnalysis;

namespace TokenSchema.Generator.Shape;

/// <summary>One reason a payload type cannot be generated, ready to become a diagnostic.</summary>
internal readonly struct ShapeProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="descriptor">The diagnostic to report.</param>
    /// <param name="location">Where to report it.</param>
    /// <param name="onContainingType">
    /// <see langword="true"/> when the problem is a containing type's (its <c>partial</c> modifier): the analyzer reports it once,
    /// from that type.
    /// </param>
    /// <param name="args">The message arguments.</param>
    public ShapeProblem(DiagnosticDescriptor descriptor, Location location, bool onContainingType, params object?[] args)
    {
        Descriptor = descriptor;
        Location = location;
        OnContainingType = onContainingType;
        Args = args;
    }

    /// <summary>The diagnostic to report.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>Where to report it.</summary>
    public Location Location { get; }

    /// <summary>Whether the problem belongs to a containing type of the payload.</summary>
    public bool OnContainingType { get; }

    /// <summary>The message arguments.</summary>
    public object?[] Args { get; }

    /// <summary>The diagnostic.</summary>
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Args);
}
