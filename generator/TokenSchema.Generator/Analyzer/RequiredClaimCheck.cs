using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TokenSchema.Generator.Diagnostics;
using TokenSchema.Generator.Helpers;
using TokenSchema.Generator.Shape;
using TokenSchema.Generator.Vocabularies;

namespace TokenSchema.Generator.Analyzer;

/// <summary>
/// TKS0031: the claims the payload's claim set requires (Daily's <c>r</c>, <c>d</c>, <c>iat</c>; Twilio's <c>grants.identity</c>
/// in a grants type) that no member of the payload declares. A declared claim is enough, nullable or not: the built-in
/// records leave ids for their issuers to fill, and <c>Validate()</c> checks the value.
/// </summary>
internal static class RequiredClaimCheck
{
    /// <summary>Reports the required claims of <paramref name="scope"/> that <paramref name="shape"/> declares no member for.</summary>
    public static void Check(SymbolAnalysisContext context, PayloadShape shape, ClaimSet scope)
    {
        // With a [Claim] that does not bind or a member of an unknown type, the declared names are not all known.
        if (scope.IsOpen || shape.HasCompilerErrors) return;

        var declared = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (ClaimMember member in shape.Members)
        {
            if (member.ClaimName == null) return; // a name that is not a constant: the compiler reports it
            declared.Add(member.ClaimName);

            // A long or former name (room_name for r) is reported as TKS0003, whose fix declares the claim.
            if (scope.FindByName(member.ClaimName) == null && scope.FindByLongName(member.ClaimName) is { } meant) declared.Add(meant.Name);
        }

        // A [Claim] field is TKS0026 already, whose fix (a property) declares its claim.
        foreach (ISymbol symbol in shape.Type.GetMembers())
        {
            if (symbol is IFieldSymbol field && SymbolHelpers.FindAttribute(field, WellKnownNames.ClaimAttribute) is { } claimOnField
                && claimOnField.ConstructorArguments.Length == 1 && claimOnField.ConstructorArguments[0].Value is string fieldClaim)
            {
                declared.Add(fieldClaim);
            }
        }

        var missing = new List<ClaimDefinition>();
        foreach (ClaimDefinition claim in scope.Claims)
        {
            if (claim.IsRequired && !declared.Contains(claim.Name)) missing.Add(claim);
        }

        if (missing.Count == 0) return;

        var taken = new HashSet<string>(System.StringComparer.Ordinal) { shape.Type.Name };
        foreach (string name in shape.Type.MemberNames) taken.Add(name);

        var names = new StringBuilder();
        var fix = new StringBuilder();
        for (int i = 0; i < missing.Count; i++)
        {
            ClaimDefinition claim = missing[i];
            if (i > 0) names.Append(i == missing.Count - 1 ? " and " : ", ");
            names.Append('\'').Append(claim.Name).Append("' (").Append(claim.Title).Append(')');

            string memberName = MemberName(claim, taken);
            taken.Add(memberName);
            if (i > 0) fix.Append('\n');
            fix.Append(claim.Name).Append('\t').Append(memberName).Append('\t').Append(ClrType(claim));
        }

        Location location = PayloadShapeAnalysis.IdentifierOf(shape.Type, shape.PayloadAttribute, context.CancellationToken);
        ImmutableDictionary<string, string?> properties =
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticIds.MissingClaimsProperty, fix.ToString());
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RequiredClaimNotDeclared, location, properties,
            shape.Type.Name, names.ToString(), scope.DisplayName, missing.Count == 1 ? "it" : "them"));
    }

    /// <summary>
    /// The member name a code fix gives the claim: the long name in PascalCase (<c>domain_id</c> → <c>DomainId</c>), else
    /// the first alias (<c>IssuedAt</c>), else the claim name in PascalCase; made unique among the type's members.
    /// </summary>
    internal static string MemberName(ClaimDefinition claim, ISet<string> taken)
    {
        var candidates = new List<string>();
        if (claim.LongName != null && claim.LongName != claim.Name) candidates.Add(Pascal(claim.LongName));
        foreach (string alias in claim.Aliases) candidates.Add(Pascal(alias));
        candidates.Add(Pascal(claim.Name));
        foreach (string candidate in candidates)
        {
            if (IsIdentifier(candidate) && !taken.Contains(candidate)) return candidate;
        }

        string stem = IsIdentifier(candidates[0]) ? candidates[0] : "Claim";
        for (int n = 2; ; n++)
        {
            if (!taken.Contains(stem + n)) return stem + n;
        }
    }

    /// <summary>
    /// The C# type a code fix gives the claim, nullable so that the issuer may fill it: from its JSON kind, a <c>Guid?</c>
    /// for an id claim that takes a Guid (Daily's <c>d</c>), <c>JsonElement?</c> for an object.
    /// </summary>
    internal static string ClrType(ClaimDefinition claim)
    {
        switch (claim.Kind)
        {
            case ClaimJsonKind.String:
                return (claim.ClrTypes & ClaimClrTypes.Guid) != 0 && claim.Description.EndsWith(" id", System.StringComparison.Ordinal)
                    && claim.Description.IndexOf(" or ", System.StringComparison.Ordinal) < 0
                    ? "global::System.Guid?"
                    : "string?";
            case ClaimJsonKind.Boolean: return "bool?";
            case ClaimJsonKind.Integer: return "int?";
            case ClaimJsonKind.Number: return "double?";
            case ClaimJsonKind.NumericDate: return "global::System.DateTimeOffset?";
            case ClaimJsonKind.StringOrArray: return "string?";
            case ClaimJsonKind.Array: return "string[]?";
            case ClaimJsonKind.BooleanOrString: return "bool?";
            case ClaimJsonKind.BooleanOrObject: return "bool?";
            default: return "global::System.Text.Json.JsonElement?";
        }
    }

    private static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            if (c == '_' || c == '-' || c == ' ' || c == '.')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
