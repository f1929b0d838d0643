using TokenSchema;

// The README's example, compiled against the packed package.
const string demoKey = "tokenschema-DEMO-KEY-public-never-use-in-production";
var now = DateTimeOffset.UtcNow;
using var signer = JwtSigner.FromSecret(demoKey);
string token = signer.Sign(new MeetingToken
{
    RoomName = "standup",
    DomainId = Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb"),
    IssuedAt = now,
    Expires = now.AddHours(1),
    CloseTabOnExit = true,
});

using var verifier = JwtVerifier.FromSecret(demoKey);
if (!verifier.TryVerify(token, out MeetingToken? claims, out JwtError error))
{
    Console.Error.WriteLine($"rejected: {error}");
    return 1;
}

Console.WriteLine(token);
Console.WriteLine($"verified: room {claims.RoomName}, closes tab on exit: {claims.CloseTabOnExit}");

// The README's three-line Daily case, with the built-in schema.
using var daily = new TokenSchema.Daily.DailyTokenIssuer(new TokenSchema.Daily.DailyCredentials(demoKey, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")));
string owner = daily.Issue(new TokenSchema.Daily.DailyToken { RoomName = "standup", IsOwner = true });
string guest = daily.Issue(new TokenSchema.Daily.DailyToken { RoomName = "standup", UserName = "Grace", CloseTabOnExit = true });
Console.WriteLine($"daily: owner {owner.Length} chars, guest {guest.Length} chars");
Console.WriteLine("daily REST body: " + new TokenSchema.Daily.DailyToken { RoomName = "standup", IsOwner = true }.ToRestRequestBody());

// The README's team vocabulary.
string acme = signer.Sign(new AcmeToken { Name = "Grace" });
Console.WriteLine($"acme: {acme.Split('.')[1]}");
return 0;

[TokenPayload(ClaimVocabulary.Daily)]
public partial record MeetingToken
{
    [Claim("r")] public required string RoomName { get; init; }

    [Claim("d")] public required Guid DomainId { get; init; }

    [Claim("iat")] public required DateTimeOffset IssuedAt { get; init; }

    [Claim("exp")] public DateTimeOffset? Expires { get; init; }

    [Claim("ctoe")] public bool? CloseTabOnExit { get; init; }
}

[ClaimVocabularyDefinition("Acme", Closed = true)]
public static class AcmeClaims
{
    [KnownClaim(LongName = "display_name", JsonType = ClaimJsonType.String, MaxLength = 64)]
    public const string Name = "n";
}

[TokenPayload(typeof(AcmeClaims))]
public partial record AcmeToken { [Claim(AcmeClaims.Name)] public string? Name { get; init; } }
