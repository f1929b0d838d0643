namespace TokenSchema.Verification;

/// <summary>
/// The registered claims the verifier reads from every payload itself, and the version of that contract, which generated
/// readers pass to <c>ClaimScan.Accepts</c>. The one copy of these facts: the generator compiles this file too
/// (linked into TokenSchema.Generator, as System.Text.Json's generator links its shared sources), so it has to compile for
/// netstandard2.0 without System.Text.Json, spans or UTF-8 literals.
/// </summary>
internal static class ObservedClaims
{
    /// <summary>The names, in the order <c>ClaimScan.ObservedClaimNames</c> lists them.</summary>
    public static readonly string[] Names = new[] { "exp", "nbf", "iat", "iss", "aud" };

    /// <summary>
    /// The version of what a generated reader reports: <see cref="Names"/> and the calls it makes to <c>ClaimScan</c>.
    /// It changes whenever either does.
    /// </summary>
    public const int Version = 2;
}
