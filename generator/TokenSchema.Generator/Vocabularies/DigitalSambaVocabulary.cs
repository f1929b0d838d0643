namespace TokenSchema.Generator.Vocabularies;

/// <summary>Digital Samba room tokens. All claims are strings except the registered times.</summary>
internal static class DigitalSambaVocabulary
{
    /// <summary>The Digital Samba vocabulary.</summary>
    public static readonly ClaimVocabularyDefinition Vocabulary = new ClaimVocabularyDefinition(VocabularyId.DigitalSamba,
        new ClaimSet("Digital Samba", isOpen: false, RegisteredClaims.AppendTo(
            new ClaimDefinition("td", ClaimJsonKind.String, "team id", clrTypes: ClaimClrTypes.String | ClaimClrTypes.Guid,
                aliases: new[] { "Team", "TeamId" }),
            new ClaimDefinition("rd", ClaimJsonKind.String, "room friendly URL or room id", isRequired: true,
                clrTypes: ClaimClrTypes.String | ClaimClrTypes.Guid,
                aliases: new[] { "Room", "RoomId", "RoomName", "RoomUrl", "FriendlyUrl" }),
            new ClaimDefinition("ud", ClaimJsonKind.String, "external user id", aliases: new[] { "UserId", "ExternalUserId" }),
            new ClaimDefinition("u", ClaimJsonKind.String, "display name", aliases: new[] { "UserName", "DisplayName" }),
            new ClaimDefinition("initials", ClaimJsonKind.String, "initials"),
            new ClaimDefinition("role", ClaimJsonKind.String, "role id or name", aliases: new[] { "RoleId", "RoleName" }),
            new ClaimDefinition("breakoutId", ClaimJsonKind.String, "breakout room id", aliases: new[] { "BreakoutRoomId" }),
            new ClaimDefinition("avatar", ClaimJsonKind.String, "avatar URL", clrTypes: ClaimClrTypes.String | ClaimClrTypes.Uri,
                aliases: new[] { "AvatarUrl" }),
            RegisteredClaims.IssuedAt,
            RegisteredClaims.NotBefore,
            RegisteredClaims.ExpirationTime)));
}
