using Microsoft.CodeAnalysis;

namespace TokenSchema.Generator;

/// <summary>Implements IJwtPayload&lt;T&gt; for every partial type marked [TokenPayload].</summary>
[Generator(LanguageNames.CSharp)]
public sealed class TokenPayloadGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
