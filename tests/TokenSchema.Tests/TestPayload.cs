using System.ComponentModel.DataAnnotations;

namespace TokenSchema.Tests;

/// <summary>
/// The payload most runtime tests sign and verify, implemented by the source generator like a user's own:
/// r (required string, at most 128 characters), d (string), iat/exp/nbf (NumericDate seconds), o (bool).
/// </summary>
[TokenPayload]
public sealed partial record TestPayload
{
    [Claim("r")]
    [Required]
    [StringLength(128)]
    public string? Room { get; init; }

    [Claim("d")]
    public string? DomainId { get; init; }

    [Claim("iat")]
    public long? IssuedAt { get; init; }

    [Claim("exp")]
    public long? Expires { get; init; }

    [Claim("nbf")]
    public long? NotBefore { get; init; }

    [Claim("o")]
    public bool? IsOwner { get; init; }
}
