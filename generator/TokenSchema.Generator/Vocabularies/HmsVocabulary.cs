namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// 100ms tokens, as its server SDK's AuthService writes them: app tokens (<c>type:"app"</c>, for joining a room) and
/// management tokens (<c>type:"management"</c>, for its REST API), both <c>version:2</c>.
/// </summary>
internal static class HmsVocabulary
{
    /// <summary>The values of <c>type</c>.</summary>
    public static readonly string[] TokenTypes = { "app", "management" };

    /// <summary>The 100ms vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.Hms,
        new ClaimSet("100ms", isOpen: false, RegisteredClaims.AppendTo(
            new ClaimDefinition("access_key", ClaimJsonKind.String, "app access key", isRequired: true, aliases: new[] { "AccessKey", "AppAccessKey" }),
            new ClaimDefinition("type", ClaimJsonKind.String, "token type", isRequired: true, allowedValues: TokenTypes,
                aliases: new[] { "Type", "TokenType" }),
            new ClaimDefinition("version", ClaimJsonKind.Integer, "token format version", isRequired: true, minimum: 2, maximum: 2),
            new ClaimDefinition("room_id", ClaimJsonKind.String, "room id", aliases: new[] { "RoomId", "Room" }),
            new ClaimDefinition("role", ClaimJsonKind.String, "role name", aliases: new[] { "Role", "RoleName" }),
            new ClaimDefinition("user_id", ClaimJsonKind.String, "your user id", aliases: new[] { "UserId" }),
            RegisteredClaims.IssuedAt,
            RegisteredClaims.NotBefore,
            RegisteredClaims.ExpirationTime.WithPlatformMeaning(isRequired: true),
            RegisteredClaims.JwtId.WithPlatformMeaning("token id, a UUID"))));
}
