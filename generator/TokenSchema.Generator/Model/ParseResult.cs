using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TokenSchema.Generator.Diagnostics;

namespace TokenSchema.Generator.Model;

/// <summary>What parsing one payload declaration gave: a model to emit, a failure to report, or neither.</summary>
/// <param name="Payload">The model, when the type can be generated.</param>
/// <param name="Failure">The failure, when parsing threw.</param>
internal sealed record ParseResult(PayloadSpec? Payload, GeneratorFailure? Failure)
{
    /// <summary>Nothing to emit or report: the type cannot be generated and the analyzer says why.</summary>
    public static ParseResult Nothing { get; } = new(null, null);
}

/// <summary>
/// An unexpected exception while generating one payload, kept as plain values (no <see cref="Location"/>) so that the
/// pipeline's models stay equatable; becomes a TKS0030 diagnostic.
/// </summary>
/// <param name="TypeName">The payload type's name.</param>
/// <param name="Message">The exception's type and message.</param>
/// <param name="FilePath">The file of the payload's declaration, or empty.</param>
/// <param name="Span">The declaration's identifier span.</param>
/// <param name="LineSpan">The same span as lines and columns.</param>
internal sealed record GeneratorFailure(string TypeName, string Message, string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>The failure of <paramref name="exception"/> on the type <paramref name="typeName"/> declared at <paramref name="location"/>.</summary>
    public static GeneratorFailure Create(string typeName, Exception exception, Location? location)
    {
        string message = exception.GetType().Name + ": " + exception.Message.Replace('\r', ' ').Replace('\n', ' ');
        return location is { IsInSource: true }
            ? new GeneratorFailure(typeName, message, location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : new GeneratorFailure(typeName, message, string.Empty, default, default);
    }

    /// <summary>The TKS0030 diagnostic.</summary>
    public Diagnostic ToDiagnostic()
    {
        Location location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, location, TypeName, Message);
    }
}
