namespace TokenSchema.Generator.Vocabularies;

/// <summary>
/// The vocabularies the tables know. The numeric values equal those of the runtime's <c>TokenSchema.ClaimVocabulary</c>
/// enum, which is what <c>[TokenPayload(ClaimVocabulary.Daily)]</c> carries into the compilation; a test checks that both
/// enums have the same names and values.
/// </summary>
internal enum VocabularyId
{
    /// <summary>RFC 7519 registered claims only; any other name is allowed.</summary>
    Jwt = 0,

    /// <summary>Daily self-signed meeting tokens.</summary>
    Daily = 1,

    /// <summary>Digital Samba room tokens.</summary>
    DigitalSamba = 2,

    /// <summary>LiveKit access tokens.</summary>
    LiveKit = 3,

    /// <summary>Zoom Video SDK session tokens.</summary>
    Zoom = 4,

    /// <summary>Twilio Video access tokens.</summary>
    Twilio = 5,

    /// <summary>100ms app and management tokens.</summary>
    Hms = 6,

    /// <summary>Stream Video user and call tokens.</summary>
    StreamVideo = 7,

    /// <summary>Self-hosted Jitsi Meet tokens.</summary>
    Jitsi = 8,
}
