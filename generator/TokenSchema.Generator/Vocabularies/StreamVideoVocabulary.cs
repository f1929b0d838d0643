namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// Stream Video user and call tokens, as <c>@stream-io/node-sdk</c> writes them: <c>user_id</c>, <c>iat</c>, <c>exp</c>,
/// and for call tokens <c>call_cids</c> and <c>role</c>. The SDK also leaves <c>validity_in_seconds</c> in the payload.
/// </summary>
internal static class StreamVideoVocabulary
{
    /// <summary>The Stream Video vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.StreamVideo,
        new ClaimSet("Stream Video", isOpen: false, RegisteredClaims.AppendTo(
            new ClaimDefinition("user_id", ClaimJsonKind.String, "user id", isRequired: true, aliases: new[] { "UserId", "User" }),
            new ClaimDefinition("call_cids", ClaimJsonKind.Array, "calls the token is for, as \"<type>:<id>\"",
                elementClrTypes: ClaimClrTypes.String, aliases: new[] { "CallCids", "Calls" }),
            new ClaimDefinition("role", ClaimJsonKind.String, "role in the calls", aliases: new[] { "Role" }),
            new ClaimDefinition("validity_in_seconds", ClaimJsonKind.Integer, "lifetime the SDK was given, in seconds", minimum: 0,
                aliases: new[] { "ValidityInSeconds", "Validity" }),
            RegisteredClaims.IssuedAt,
            RegisteredClaims.ExpirationTime)));
}
