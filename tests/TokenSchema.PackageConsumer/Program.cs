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
