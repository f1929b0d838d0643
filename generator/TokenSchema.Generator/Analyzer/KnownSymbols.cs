using Microsoft.CodeAnalysis;
using TokenSchema.Generator.Helpers;

namespace TokenSchema.Generator.Analyzer;

/// <summary>The attribute and framework types the analyzer compares against, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol claimAttribute)
    {
        ClaimAttribute = claimAttribute;
        TokenPayloadAttribute = compilation.GetTypeByMetadataName("TokenSchema.TokenPayloadAttribute");
        ClaimConverterAttribute = compilation.GetTypeByMetadataName("TokenSchema.ClaimConverterAttribute");
        ClaimValueAttribute = compilation.GetTypeByMetadataName("TokenSchema.ClaimValueAttribute");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        JwtPayloadInterface = compilation.GetTypeByMetadataName("TokenSchema.IJwtPayload`1");
        ClaimConverterInterface = compilation.GetTypeByMetadataName("TokenSchema.IClaimConverter`1");
    }

    /// <summary><c>TokenSchema.IJwtPayload&lt;TSelf&gt;</c>.</summary>
    public INamedTypeSymbol? JwtPayloadInterface { get; }

    /// <summary><c>TokenSchema.IClaimConverter&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? ClaimConverterInterface { get; }

    /// <summary><c>TokenSchema.ClaimAttribute</c>.</summary>
    public INamedTypeSymbol ClaimAttribute { get; }

    /// <summary><c>TokenSchema.TokenPayloadAttribute</c>.</summary>
    public INamedTypeSymbol? TokenPayloadAttribute { get; }

    /// <summary><c>TokenSchema.ClaimConverterAttribute</c>.</summary>
    public INamedTypeSymbol? ClaimConverterAttribute { get; }

    /// <summary><c>TokenSchema.ClaimValueAttribute</c>.</summary>
    public INamedTypeSymbol? ClaimValueAttribute { get; }

    /// <summary><c>System.DateTimeOffset</c>.</summary>
    public INamedTypeSymbol? DateTimeOffset { get; }

    /// <summary><c>System.TimeSpan</c>.</summary>
    public INamedTypeSymbol? TimeSpan { get; }

    /// <summary><c>System.Guid</c>.</summary>
    public INamedTypeSymbol? Guid { get; }

    /// <summary><c>System.Uri</c>.</summary>
    public INamedTypeSymbol? Uri { get; }

    /// <summary><c>System.Text.Json.JsonElement</c>.</summary>
    public INamedTypeSymbol? JsonElement { get; }

    /// <summary>Resolves the symbols, or returns <see langword="null"/> when the compilation does not reference TokenSchema.</summary>
    /// <param name="compilation">The compilation being analyzed.</param>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? claimAttribute = compilation.GetTypeByMetadataName("TokenSchema.ClaimAttribute");
        return claimAttribute == null ? null : new KnownSymbols(compilation, claimAttribute);
    }

    /// <summary>Whether <paramref name="type"/> is marked <c>[TokenPayload]</c>.</summary>
    /// <param name="type">The type to test.</param>
    public bool IsPayload(ITypeSymbol type) => SymbolHelpers.FindAttribute(type, WellKnownNames.TokenPayloadAttribute) != null;
}
