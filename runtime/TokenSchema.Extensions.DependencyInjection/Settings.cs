using System;
using System.Security.Cryptography;
using System.Text;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;
using TokenSchema.Zoom;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>
/// What every platform's configuration section holds besides the platform's ids and secret: bound from configuration
/// (<c>TokenSchema:Daily</c> in <c>appsettings.json</c>, the secret from user secrets or the environment), validated at
/// start by building the issuer, and turned into the platform's credentials and options in one place.
/// </summary>
public abstract class TokenIssuerSettings
{
    /// <summary>How long an issued token is valid when it has no <c>exp</c>; the platform's default when not set.</summary>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>The longest lifetime a verified token may have; none when not set.</summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>How far <c>iat</c>/<c>nbf</c> are set back for clock skew, where the platform's SDK backdates (100ms, Stream, Jitsi); its default when not set.</summary>
    public TimeSpan? Backdating { get; set; }

    /// <summary>Accept a secret shorter than the 32 bytes RFC 7518 §3.2 requires (a development key).</summary>
    public bool AllowShortKey { get; set; }

    /// <summary>
    /// The key's id, written as the header's <c>kid</c> and required when verifying, where the platform takes one (LiveKit,
    /// Jitsi); give each key its own id and rotation picks the previous key by it.
    /// </summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// After a configuration change replaces the secret, how long tokens signed with the previous one still verify;
    /// one hour by default (at least the tokens' lifetime keeps every token issued before the change valid).
    /// </summary>
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The platform's name in messages: <c>Daily</c>, <c>LiveKit</c>…</summary>
    internal abstract string Platform { get; }

    /// <summary>The settings that make the key and the ids, for telling a real change from a reload that changed nothing else.</summary>
    internal abstract string KeyMaterial();

    /// <summary>A fingerprint of <see cref="KeyMaterial"/> and the other settings; never the key itself.</summary>
    internal string Fingerprint() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            KeyMaterial() + "\n" + Lifetime + "\n" + MaxLifetime + "\n" + Backdating + "\n" + AllowShortKey + "\n" + KeyId)));

    /// <summary>The message for a missing value: names the configuration key, never a value.</summary>
    private protected string Missing(string key) =>
        $"The {Platform} issuer has no {key}: set it in its configuration section (the secret from user secrets or an environment variable).";

    private protected static string Require(string? value, Func<string> missing) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException(missing()) : value;

    /// <inheritdoc />
    public override string ToString() => GetType().Name + " (secrets are not shown)";
}

/// <summary>The settings of one platform's issuer, and how they make it.</summary>
/// <typeparam name="TToken">The platform's token record.</typeparam>
public abstract class TokenIssuerSettings<TToken> : TokenIssuerSettings where TToken : IJwtPayload<TToken>
{
    /// <summary>Builds the issuer; an <see cref="ArgumentException"/> in the platform's words when a value is missing or wrong.</summary>
    internal abstract PlatformTokenIssuer<TToken> CreateIssuer(TimeProvider clock);

    /// <summary>A token this issuer can always sign, for the health check.</summary>
    internal abstract TToken ProbeToken();
}

/// <summary>Daily: the domain's API key (the HMAC secret) and its domain id.</summary>
public sealed class DailySettings : TokenIssuerSettings<DailyToken>
{
    /// <summary>The domain's API key; it signs the tokens. Keep it in user secrets or an environment variable.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The domain's id, a UUID (the <c>d</c> claim).</summary>
    public string? DomainId { get; set; }

    /// <summary>Refuse to issue a token over Daily's 2,048 characters (the default), instead of only saying so.</summary>
    public bool RejectOverlongTokens { get; set; } = true;

    internal override string Platform => "Daily";

    internal override string KeyMaterial() => ApiKey + "\n" + DomainId + "\n" + RejectOverlongTokens;

    internal override PlatformTokenIssuer<DailyToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.Daily(Require(ApiKey, () => Missing(nameof(ApiKey))), Require(DomainId, () => Missing(nameof(DomainId))), RejectOverlongTokens, clock, this);

    internal override DailyToken ProbeToken() => new() { RoomName = "tokenschema-health-check" };
}

/// <summary>Digital Samba: the team id and the developer key.</summary>
public sealed class DigitalSambaSettings : TokenIssuerSettings<DigitalSambaToken>
{
    /// <summary>The team's id (the <c>td</c> claim).</summary>
    public string? TeamId { get; set; }

    /// <summary>The developer key; it signs the tokens.</summary>
    public string? DeveloperKey { get; set; }

    internal override string Platform => "Digital Samba";

    internal override string KeyMaterial() => TeamId + "\n" + DeveloperKey;

    internal override PlatformTokenIssuer<DigitalSambaToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.DigitalSamba(Require(TeamId, () => Missing(nameof(TeamId))), Require(DeveloperKey, () => Missing(nameof(DeveloperKey))), clock, this);

    internal override DigitalSambaToken ProbeToken() => new() { RoomId = "tokenschema-health-check" };
}

/// <summary>LiveKit: the API key (written as <c>iss</c>) and its secret.</summary>
public sealed class LiveKitSettings : TokenIssuerSettings<LiveKitToken>
{
    /// <summary>The API key, written as <c>iss</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API key's secret; it signs the tokens.</summary>
    public string? ApiSecret { get; set; }

    internal override string Platform => "LiveKit";

    internal override string KeyMaterial() => ApiKey + "\n" + ApiSecret;

    internal override PlatformTokenIssuer<LiveKitToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.LiveKit(Require(ApiKey, () => Missing(nameof(ApiKey))), Require(ApiSecret, () => Missing(nameof(ApiSecret))), clock, this);

    internal override LiveKitToken ProbeToken() => new() { Identity = "tokenschema-health-check" };
}

/// <summary>Zoom Video SDK: the SDK key (written as <c>app_key</c>) and its secret.</summary>
public sealed class ZoomVideoSdkSettings : TokenIssuerSettings<ZoomVideoSdkToken>
{
    /// <summary>The Video SDK key.</summary>
    public string? SdkKey { get; set; }

    /// <summary>The Video SDK secret; it signs the tokens.</summary>
    public string? SdkSecret { get; set; }

    internal override string Platform => "Zoom Video SDK";

    internal override string KeyMaterial() => SdkKey + "\n" + SdkSecret;

    internal override PlatformTokenIssuer<ZoomVideoSdkToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.Zoom(Require(SdkKey, () => Missing(nameof(SdkKey))), Require(SdkSecret, () => Missing(nameof(SdkSecret))), clock, this);

    internal override ZoomVideoSdkToken ProbeToken() => new() { SessionName = "tokenschema-health-check", RoleType = 0 };
}

/// <summary>Twilio Video: the account SID (<c>AC…</c>), the API key SID (<c>SK…</c>) and the API key's secret.</summary>
public sealed class TwilioSettings : TokenIssuerSettings<TwilioVideoToken>
{
    /// <summary>The account SID, <c>AC…</c>.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The API key SID, <c>SK…</c>.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The API key's secret; it signs the tokens.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>The region written to the <c>twr</c> header (<c>us1</c>, <c>ie1</c>…), if any.</summary>
    public string? Region { get; set; }

    internal override string Platform => "Twilio";

    internal override string KeyMaterial() => AccountSid + "\n" + ApiKeySid + "\n" + ApiKeySecret + "\n" + Region;

    internal override PlatformTokenIssuer<TwilioVideoToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.Twilio(Require(AccountSid, () => Missing(nameof(AccountSid))), Require(ApiKeySid, () => Missing(nameof(ApiKeySid))),
            Require(ApiKeySecret, () => Missing(nameof(ApiKeySecret))), Region, clock, this);

    internal override TwilioVideoToken ProbeToken() => new() { Grants = new TwilioGrants { Identity = "tokenschema-health-check", Video = new TwilioVideoGrant() } };
}

/// <summary>100ms: the app access key and the app secret.</summary>
public sealed class HmsSettings : TokenIssuerSettings<HmsToken>
{
    /// <summary>The app access key, written as <c>access_key</c>.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The app secret; it signs the tokens.</summary>
    public string? AppSecret { get; set; }

    internal override string Platform => "100ms";

    internal override string KeyMaterial() => AccessKey + "\n" + AppSecret;

    internal override PlatformTokenIssuer<HmsToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.Hms(Require(AccessKey, () => Missing(nameof(AccessKey))), Require(AppSecret, () => Missing(nameof(AppSecret))), clock, this);

    internal override HmsToken ProbeToken() => new() { Type = HmsTokenType.Management };
}

/// <summary>Stream Video: the API secret.</summary>
public sealed class StreamVideoSettings : TokenIssuerSettings<StreamVideoToken>
{
    /// <summary>The API secret; it signs the tokens.</summary>
    public string? ApiSecret { get; set; }

    internal override string Platform => "Stream Video";

    internal override string KeyMaterial() => ApiSecret ?? "";

    internal override PlatformTokenIssuer<StreamVideoToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.Stream(Require(ApiSecret, () => Missing(nameof(ApiSecret))), clock, this);

    internal override StreamVideoToken ProbeToken() => new() { UserId = "tokenschema-health-check" };
}

/// <summary>Self-hosted Jitsi Meet: the app id (written as <c>iss</c>), the app secret and the audience.</summary>
public sealed class JitsiSettings : TokenIssuerSettings<JitsiToken>
{
    /// <summary>The app id, written as <c>iss</c>.</summary>
    public string? AppId { get; set; }

    /// <summary>The app secret; it signs the tokens.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The audience, written as <c>aud</c>; <c>jitsi</c> by default.</summary>
    public string Audience { get; set; } = "jitsi";

    internal override string Platform => "Jitsi";

    internal override string KeyMaterial() => AppId + "\n" + AppSecret + "\n" + Audience;

    internal override PlatformTokenIssuer<JitsiToken> CreateIssuer(TimeProvider clock) =>
        IssuerFactory.Jitsi(Require(AppId, () => Missing(nameof(AppId))), Require(AppSecret, () => Missing(nameof(AppSecret))), Audience, clock, this);

    internal override JitsiToken ProbeToken() => new() { Subject = "*", Room = "tokenschema-health-check" };
}
