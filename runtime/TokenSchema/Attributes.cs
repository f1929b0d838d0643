using System;

namespace TokenSchema;

/// <summary>
/// Marks a <c>partial</c> class, record or record struct as a JWT payload. The TokenSchema source generator
/// implements <see cref="IJwtPayload{TSelf}"/> for it: an allocation-free writer, a strict reader and a validator.
/// </summary>
/// <remarks>
/// The <see cref="Vocabulary"/> tells the analyzer which claim names and value types the target platform knows,
/// so that a misspelled or mistyped claim is a build error rather than a token the platform silently ignores.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class TokenPayloadAttribute : Attribute
{
    /// <summary>Declares a payload checked against the RFC 7519 registered claims (<see cref="ClaimVocabulary.Jwt"/>).</summary>
    public TokenPayloadAttribute() : this(ClaimVocabulary.Jwt)
    {
    }

    /// <summary>Declares a payload checked against the claims of <paramref name="vocabulary"/>.</summary>
    /// <param name="vocabulary">The platform whose claim names, abbreviations, types and limits apply.</param>
    public TokenPayloadAttribute(ClaimVocabulary vocabulary)
    {
        Vocabulary = vocabulary;
    }

    /// <summary>
    /// Declares a payload checked against a team's own vocabulary: a class marked
    /// <see cref="ClaimVocabularyDefinitionAttribute"/> whose fields declare the claims it knows.
    /// </summary>
    /// <param name="vocabulary">The class that declares the vocabulary.</param>
    public TokenPayloadAttribute(Type vocabulary)
    {
        VocabularyType = vocabulary;
    }

    /// <summary>The claim vocabulary the payload is checked against (<see cref="ClaimVocabulary.Jwt"/> for a declared vocabulary).</summary>
    public ClaimVocabulary Vocabulary { get; }

    /// <summary>The class declaring the payload's own vocabulary, or <see langword="null"/> for a built-in one.</summary>
    public Type? VocabularyType { get; }
}

/// <summary>
/// Maps a property (or a positional record parameter) to a JWT claim of the given name, e.g. <c>[Claim("ctoe")]</c>.
/// </summary>
/// <remarks>
/// A field is no claim, yet the attribute is allowed on one: the analyzer reports it (TKS0026). Were it the compiler's
/// CS0592, a declaration error, the compiler would run no analyzer and every other TokenSchema diagnostic of the project
/// would be hidden until it is fixed.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ClaimAttribute : Attribute
{
    /// <summary>Maps the member to the claim <paramref name="name"/>, written exactly as given.</summary>
    /// <param name="name">The claim name as it appears in the token's JSON payload.</param>
    public ClaimAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The claim name as it appears in the token's JSON payload.</summary>
    public string Name { get; }

    /// <summary>
    /// Declares a claim the vocabulary does not know on purpose (a platform's newer or undocumented claim).
    /// In a closed platform vocabulary an unknown claim is otherwise a build error.
    /// </summary>
    public bool IsExtension { get; init; }
}

/// <summary>Gives the wire value of an enum member used as a claim value, e.g. <c>[ClaimValue("pt-BR")]</c>.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ClaimValueAttribute : Attribute
{
    /// <summary>Writes and reads the enum member as <paramref name="value"/>.</summary>
    /// <param name="value">The JSON string the platform expects.</param>
    public ClaimValueAttribute(string value)
    {
        Value = value;
    }

    /// <summary>The JSON string the platform expects for this member.</summary>
    public string Value { get; }
}

/// <summary>
/// Writes and reads a claim with a user-supplied converter type that implements <see cref="IClaimConverter{T}"/>,
/// for value shapes such as "<c>true</c>, <c>false</c> or <c>"v,a,sv"</c>".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class ClaimConverterAttribute : Attribute
{
    /// <summary>Uses <paramref name="converterType"/> to write and read the claim.</summary>
    /// <param name="converterType">A type implementing <see cref="IClaimConverter{T}"/> for the member's type.</param>
    public ClaimConverterAttribute(Type converterType)
    {
        ConverterType = converterType;
    }

    /// <summary>The converter type.</summary>
    public Type ConverterType { get; }
}

/// <summary>The claim vocabularies the analyzer knows.</summary>
public enum ClaimVocabulary
{
    /// <summary>RFC 7519 registered claims only; any other claim name is allowed (an open vocabulary).</summary>
    Jwt = 0,

    /// <summary>Daily self-signed meeting tokens (abbreviated claims such as <c>r</c>, <c>d</c>, <c>ctoe</c>).</summary>
    Daily = 1,

    /// <summary>Digital Samba room tokens (<c>td</c>, <c>rd</c>, <c>ud</c>, …).</summary>
    DigitalSamba = 2,

    /// <summary>LiveKit access tokens (<c>video</c> and <c>sip</c> grants).</summary>
    LiveKit = 3,

    /// <summary>Zoom Video SDK session tokens (<c>app_key</c>, <c>tpc</c>, <c>role_type</c>, …).</summary>
    Zoom = 4,

    /// <summary>Twilio Video access tokens (<c>grants</c>).</summary>
    Twilio = 5,

    /// <summary>100ms app and management tokens (<c>access_key</c>, <c>type</c>, <c>version</c>, <c>room_id</c>, <c>role</c>, …).</summary>
    Hms = 6,

    /// <summary>Stream Video user and call tokens (<c>user_id</c>, <c>call_cids</c>, <c>role</c>).</summary>
    StreamVideo = 7,

    /// <summary>Self-hosted Jitsi Meet tokens (<c>room</c>, <c>context</c> with <c>user</c>, <c>group</c>, <c>features</c>).</summary>
    Jitsi = 8,
}
