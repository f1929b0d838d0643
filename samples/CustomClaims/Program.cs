using System;
using System.ComponentModel.DataAnnotations;
using TokenSchema;
using TokenSchema.Samples.CustomClaims;

// A team's own token with the team's own claim vocabulary (TeamClaims): the analyzer checks every claim name and type
// against it at build time (a misspelled "https://example.com/rloe" would be error TKS0001 with a suggestion), and the
// generator writes, reads and validates the token, and also writes it with the vocabulary's long names. The key below is a DEMO key; set TOKEN_SECRET for your own.
string secret = Environment.GetEnvironmentVariable("TOKEN_SECRET") ?? "DEMO-ONLY-custom-claims-key-0123456789";
Console.WriteLine(Environment.GetEnvironmentVariable("TOKEN_SECRET") is null ? "Using the DEMO key (set TOKEN_SECRET to use your own)." : "Using the key from TOKEN_SECRET.");

DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
var sent = new TeamToken
{
    Subject = "user-42",
    DisplayName = "Grace Hopper",
    Role = TeamRole.Editor,
    Organization = new Organization { Id = "org-7", Plan = "enterprise", Seats = 250 },
    IssuedAt = now,
    Expires = now.AddMinutes(15),
};

using var signer = JwtSigner.FromSecret(secret);
using var verifier = JwtVerifier.FromSecret(secret);
string token = signer.Sign(sent);
Console.WriteLine($"Token:    {token}");

if (!verifier.TryVerify(token.AsSpan(), out TeamToken? received, out JwtError error))
{
    Console.Error.WriteLine($"The token did not verify: {error}");
    return 1;
}

Console.WriteLine($"Verified: {received.DisplayName} is {received.Role} of {received.Organization?.Id}; equal to what was signed: {received == sent}");

var longForm = new System.Buffers.ArrayBufferWriter<byte>();
using (var writer = new System.Text.Json.Utf8JsonWriter(longForm))
{
    ((ILongFormPayload)received).WriteLongForm(writer);
}

Console.WriteLine($"Long form: {System.Text.Encoding.UTF8.GetString(longForm.WrittenSpan)}");

var broken = sent with { DisplayName = "", Organization = sent.Organization with { Seats = 0 }, Expires = now.AddMinutes(-1) };
try
{
    signer.Sign(broken);
    Console.Error.WriteLine("An invalid token was signed.");
    return 1;
}
catch (JwtPayloadValidationException invalid)
{
    Console.WriteLine($"Refused:  {invalid.Message}");
}

return 0;

namespace TokenSchema.Samples.CustomClaims
{
    /// <summary>The team's claim vocabulary: closed, so any other custom claim name is a build error.</summary>
    [ClaimVocabularyDefinition("Team", Closed = true)]
    public static class TeamClaims
    {
        /// <summary>The display name.</summary>
        [KnownClaim(LongName = "display_name", JsonType = ClaimJsonType.String, MaxLength = 64)]
        public const string DisplayName = "n";

        /// <summary>The role, a collision-resistant (URI) claim name.</summary>
        [KnownClaim(LongName = "role", JsonType = ClaimJsonType.String)]
        public const string Role = "https://example.com/role";

        /// <summary>The organization, a nested object.</summary>
        [KnownClaim(LongName = "organization", JsonType = ClaimJsonType.Object)]
        public const string Organization = "org";
    }

    /// <summary>The team's own access token.</summary>
    [TokenPayload(typeof(TeamClaims))]
    public sealed partial record TeamToken
    {
        /// <summary>The user the token is for.</summary>
        [Claim("sub")]
        [Required]
        public required string Subject { get; init; }

        /// <summary>A short custom claim for the display name.</summary>
        [Claim(TeamClaims.DisplayName)]
        [Required]
        public string? DisplayName { get; init; }

        /// <summary>A collision-resistant (URI) claim name for the role, written as its [ClaimValue].</summary>
        [Claim(TeamClaims.Role)]
        public required TeamRole Role { get; init; }

        /// <summary>A nested object claim.</summary>
        [Claim(TeamClaims.Organization)]
        public Organization? Organization { get; init; }

        /// <summary>When the token was issued.</summary>
        [Claim("iat")]
        public required DateTimeOffset IssuedAt { get; init; }

        /// <summary>When the token expires.</summary>
        [Claim("exp")]
        public required DateTimeOffset Expires { get; init; }
    }

    /// <summary>The organization the user acts for, written as a nested JSON object.</summary>
    [TokenPayload]
    public sealed partial record Organization
    {
        /// <summary>The organization's id.</summary>
        [Claim("id")]
        public required string Id { get; init; }

        /// <summary>The organization's plan.</summary>
        [Claim("plan")]
        public string? Plan { get; init; }

        /// <summary>How many seats the plan has.</summary>
        [Claim("seats")]
        [Range(1, 10_000)]
        public int? Seats { get; init; }
    }

    /// <summary>The user's role, written as a lower-case string.</summary>
    public enum TeamRole
    {
        /// <summary>May read.</summary>
        [ClaimValue("viewer")] Viewer,

        /// <summary>May read and write.</summary>
        [ClaimValue("editor")] Editor,

        /// <summary>May do anything.</summary>
        [ClaimValue("owner")] Owner,
    }
}
