using System;
using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Model;

namespace TokenSchema.Generator;

/// <summary>Implements IJwtPayload&lt;T&gt; for every partial type marked [TokenPayload].</summary>
/// <remarks>
/// The pipeline: find the marked types, parse each into an equatable <see cref="ParseResult"/> (nothing from the
/// compilation survives this step, so unrelated edits leave it cached), drop the types that cannot be implemented,
/// and emit one file per payload. The analyzer explains why a type is not implemented; the generator itself reports only
/// its own failures (TKS0030), one per payload, and never throws.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TokenPayloadGenerator : IIncrementalGenerator
{
    /// <summary>The metadata name of the attribute that marks payload types.</summary>
    internal const string TokenPayloadAttributeName = Helpers.WellKnownNames.TokenPayloadAttribute;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TokenPayloadAttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(StepNames.ParsePayloads);

        IncrementalValuesProvider<PayloadSpec> payloads = parsed
            .Where(static result => result.Payload is not null)
            .Select(static (result, _) => result.Payload!)
            .WithTrackingName(StepNames.SupportedPayloads);

        IncrementalValuesProvider<GeneratorFailure> failures = parsed
            .Where(static result => result.Failure is not null)
            .Select(static (result, _) => result.Failure!);

        context.RegisterSourceOutput(payloads, static (sourceContext, payload) => EmitOne(sourceContext, payload));
        context.RegisterSourceOutput(failures, static (sourceContext, failure) => sourceContext.ReportDiagnostic(failure.ToDiagnostic()));
    }

    private static void EmitOne(SourceProductionContext context, PayloadSpec payload)
    {
        try
        {
            Emitter.Emit(context, payload);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The model holds no location (that would defeat caching), so the message names the type in full.
            string name = payload.FullyQualifiedName.StartsWith("global::", StringComparison.Ordinal)
                ? payload.FullyQualifiedName.Substring("global::".Length)
                : payload.FullyQualifiedName;
            context.ReportDiagnostic(GeneratorFailure.Create(name, exception, null).ToDiagnostic());
        }
    }

    /// <summary>The names given to the pipeline's steps with <c>WithTrackingName</c>, for incrementality tests.</summary>
    internal static class StepNames
    {
        /// <summary>Each marked type parsed into a model, nothing when it cannot be implemented, or the parser's failure.</summary>
        public const string ParsePayloads = nameof(ParsePayloads);

        /// <summary>The models of the types that will be implemented.</summary>
        public const string SupportedPayloads = nameof(SupportedPayloads);
    }
}
