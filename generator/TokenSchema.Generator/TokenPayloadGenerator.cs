using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Model;

namespace TokenSchema.Generator;

/// <summary>Implements IJwtPayload&lt;T&gt; for every partial type marked [TokenPayload].</summary>
/// <remarks>
/// The pipeline: find the marked types, parse each into an equatable <see cref="PayloadSpec"/> (nothing from the
/// compilation survives this step, so unrelated edits leave it cached), drop the types that cannot be implemented,
/// and emit one file per payload. The generator reports no diagnostics; the analyzer does.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TokenPayloadGenerator : IIncrementalGenerator
{
    /// <summary>The metadata name of the attribute that marks payload types.</summary>
    internal const string TokenPayloadAttributeName = "TokenSchema.TokenPayloadAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<PayloadSpec?> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TokenPayloadAttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(StepNames.ParsePayloads);

        IncrementalValuesProvider<PayloadSpec> payloads = parsed
            .Where(static payload => payload is not null)
            .Select(static (payload, _) => payload!)
            .WithTrackingName(StepNames.SupportedPayloads);

        context.RegisterSourceOutput(payloads, static (sourceContext, payload) => Emitter.Emit(sourceContext, payload));
    }

    /// <summary>The names given to the pipeline's steps with <c>WithTrackingName</c>, for incrementality tests.</summary>
    internal static class StepNames
    {
        /// <summary>Each marked type parsed into a model, or <see langword="null"/> when it cannot be implemented.</summary>
        public const string ParsePayloads = nameof(ParsePayloads);

        /// <summary>The models of the types that will be implemented.</summary>
        public const string SupportedPayloads = nameof(SupportedPayloads);
    }
}
