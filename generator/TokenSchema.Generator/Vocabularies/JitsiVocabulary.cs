namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// Self-hosted Jitsi Meet tokens (prosody token authentication, HS256 with the app secret): <c>iss</c> (app id),
/// <c>aud</c>, <c>sub</c> (tenant or domain), <c>room</c>, <c>exp</c>, <c>nbf</c> and <c>context</c>.
/// </summary>
internal static class JitsiVocabulary
{
    /// <summary>The <c>context.user</c> object: every member a string (prosody throws on a number or <c>null</c>).</summary>
    public static readonly ClaimSet User = new ClaimSet("Jitsi user", isOpen: false, new[]
    {
        new ClaimDefinition("avatar", ClaimJsonKind.String, "avatar URL", clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri, aliases: new[] { "AvatarUrl" }),
        new ClaimDefinition("name", ClaimJsonKind.String, "display name", aliases: new[] { "DisplayName" }),
        new ClaimDefinition("email", ClaimJsonKind.String, "email address", aliases: new[] { "Email" }),
        new ClaimDefinition("id", ClaimJsonKind.String, "user id", aliases: new[] { "Id", "UserId" }),
    });

    /// <summary>The <c>context</c> object.</summary>
    public static readonly ClaimSet Context = new ClaimSet("Jitsi context", isOpen: false, new[]
    {
        new ClaimDefinition("user", ClaimJsonKind.Object, "user", members: User, aliases: new[] { "User" }),
        new ClaimDefinition("group", ClaimJsonKind.String, "group", aliases: new[] { "Group" }),
        new ClaimDefinition("callee", ClaimJsonKind.Object, "callee", isUncertain: true, aliases: new[] { "Callee" }),
        new ClaimDefinition("features", ClaimJsonKind.Object, "features", isUncertain: true, aliases: new[] { "Features" }),
    });

    /// <summary>The Jitsi vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.Jitsi,
        new ClaimSet("Jitsi", isOpen: false, RegisteredClaims.AppendTo(
            new ClaimDefinition("context", ClaimJsonKind.Object, "context", members: Context, aliases: new[] { "Context" }),
            RegisteredClaims.Audience.WithPlatformMeaning("audience the server accepts", isRequired: true),
            RegisteredClaims.Issuer.WithPlatformMeaning("app id", isRequired: true, aliases: new[] { "AppId" }),
            RegisteredClaims.Subject.WithPlatformMeaning("tenant or domain, lower case, or *", aliases: new[] { "Tenant", "Domain" }),
            new ClaimDefinition("room", ClaimJsonKind.String, "room name or *", isRequired: true, aliases: new[] { "Room", "RoomName" }),
            RegisteredClaims.ExpirationTime.WithPlatformMeaning(isRequired: true),
            RegisteredClaims.NotBefore)));
}
