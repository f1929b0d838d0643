using System;

namespace TokenSchema.Zoom;

/// <summary>
/// A Zoom Video SDK session token: signed with the Video SDK secret (HS256), it lets one user start or join one session.
/// </summary>
/// <remarks>
/// <c>app_key</c>, <c>version</c>, <c>iat</c> and <c>exp</c> are required in a token Zoom accepts; they are optional in C#
/// so that <see cref="ZoomVideoSdkTokenIssuer"/> can fill them, and <see cref="IJwtPayload{TSelf}.Validate"/> reports any
/// that is missing. It also applies the rules across claims (<c>exp</c> between <see cref="MinLifetime"/> and
/// <see cref="MaxLifetime"/> after <c>iat</c>) and the checks of the converted claims (<c>role_type</c>, <c>geo_regions</c>),
/// so <see cref="JwtSigner"/> and <see cref="JwtVerifier"/> enforce them; <see cref="ValidateForZoom"/> returns the same result.
/// </remarks>
[TokenPayload(ClaimVocabulary.Zoom)]
public sealed partial record ZoomVideoSdkToken
{
    /// <summary>The shortest lifetime Zoom accepts, from <c>iat</c> to <c>exp</c>: 1,800 seconds.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromSeconds(1800);

    /// <summary>The longest lifetime Zoom accepts, from <c>iat</c> to <c>exp</c>: 48 hours.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(48);

    /// <summary>The Video SDK key (<c>app_key</c>).</summary>
    [Claim("app_key")]
    public string? AppKey { get; init; }

    /// <summary>Whether the user joins as host or participant (<c>role_type</c>, written as the number 1 or 0).</summary>
    [Claim("role_type")]
    [ClaimConverter(typeof(ZoomRoleTypeConverter))]
    public required ZoomRoleType RoleType { get; init; }

    /// <summary>The session name (<c>tpc</c>); at most 200 characters, and the same as the session name the client joins.</summary>
    [Claim("tpc")]
    public required string SessionName { get; init; }

    /// <summary>The token format version (<c>version</c>); always 1.</summary>
    [Claim("version")]
    public int? Version { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds).</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Zoom refuses the token from this time on (<c>exp</c>, unix seconds); 30 minutes to 48 hours after <c>iat</c>.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Your id for the user (<c>user_key</c>, formerly <c>user_identity</c>); at most 36 characters.</summary>
    [Claim("user_key")]
    public string? UserKey { get; init; }

    /// <summary>A session password or key the session's participants share (<c>session_key</c>); at most 36 characters.</summary>
    [Claim("session_key")]
    public string? SessionKey { get; init; }

    /// <summary>The data-center regions the session may use (<c>geo_regions</c>, a comma list such as <c>"AU,US"</c>).</summary>
    [Claim("geo_regions")]
    [ClaimConverter(typeof(ZoomGeoRegionsConverter))]
    public ZoomGeoRegions? GeoRegions { get; init; }

    /// <summary>Cloud recording option (<c>cloud_recording_option</c>): 0 or 1.</summary>
    [Claim("cloud_recording_option")]
    public int? CloudRecordingOption { get; init; }

    /// <summary>Cloud recording election (<c>cloud_recording_election</c>): 0 or 1.</summary>
    [Claim("cloud_recording_election")]
    public int? CloudRecordingElection { get; init; }

    /// <summary>An id to find the session's telemetry by (<c>telemetry_tracking_id</c>).</summary>
    [Claim("telemetry_tracking_id")]
    public string? TelemetryTrackingId { get; init; }

    /// <summary>Video WebRTC mode (<c>video_webrtc_mode</c>): 0 or 1.</summary>
    [Claim("video_webrtc_mode")]
    public int? VideoWebRtcMode { get; init; }

    /// <summary>Audio WebRTC mode (<c>audio_webrtc_mode</c>): 0 or 1.</summary>
    [Claim("audio_webrtc_mode")]
    public int? AudioWebRtcMode { get; init; }

    /// <summary>
    /// Runs <see cref="IJwtPayload{TSelf}.Validate"/>, which includes Zoom's other rules: <c>exp</c> is 1,800 seconds to
    /// 48 hours after <c>iat</c>, <c>role_type</c> is 0 or 1, and <c>geo_regions</c> names at least one known region.
    /// </summary>
    /// <returns>Every problem found, by claim name; valid when there is none.</returns>
    public ClaimValidationResult ValidateForZoom() => Validate();

    /// <summary>Zoom's rules across claims and of the converted claims, run by the generated <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks.</summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        if (!ZoomRoleTypeConverter.IsDefined(RoleType))
        {
            problems.Add("role_type", "is not 0 (participant) or 1 (host)");
        }

        if (GeoRegions is { } regions && !ZoomGeoRegionsConverter.IsValid(regions))
        {
            problems.Add("geo_regions", regions == ZoomGeoRegions.None ? "names no region" : "names an unknown region");
        }

        if (IssuedAt is { } issuedAt && Expires is { } expires)
        {
            long lifetime = expires.ToUnixTimeSeconds() - issuedAt.ToUnixTimeSeconds();
            if (lifetime < (long)MinLifetime.TotalSeconds)
            {
                problems.Add("exp", "is less than 1800 seconds after 'iat'");
            }
            else if (lifetime > (long)MaxLifetime.TotalSeconds)
            {
                problems.Add("exp", "is more than 48 hours (172800 seconds) after 'iat'");
            }
        }
    }
}

/// <summary>The role a Zoom Video SDK token gives (<c>role_type</c>).</summary>
public enum ZoomRoleType
{
    /// <summary>A participant (<c>0</c>); participants can join before the host.</summary>
    Participant = 0,

    /// <summary>The host or a co-host (<c>1</c>).</summary>
    Host = 1,
}

/// <summary>The data-center regions of <c>geo_regions</c>; combine them with <c>|</c>.</summary>
[Flags]
public enum ZoomGeoRegions
{
    /// <summary>No region; not a valid value of <c>geo_regions</c>.</summary>
    None = 0,

    /// <summary>Australia (<c>AU</c>).</summary>
    Australia = 1 << 0,

    /// <summary>Brazil (<c>BR</c>).</summary>
    Brazil = 1 << 1,

    /// <summary>Canada (<c>CA</c>).</summary>
    Canada = 1 << 2,

    /// <summary>China (<c>CN</c>).</summary>
    China = 1 << 3,

    /// <summary>Germany (<c>DE</c>).</summary>
    Germany = 1 << 4,

    /// <summary>Hong Kong (<c>HK</c>).</summary>
    HongKong = 1 << 5,

    /// <summary>India (<c>IN</c>).</summary>
    India = 1 << 6,

    /// <summary>Japan (<c>JP</c>).</summary>
    Japan = 1 << 7,

    /// <summary>Mexico (<c>MX</c>).</summary>
    Mexico = 1 << 8,

    /// <summary>The Netherlands (<c>NL</c>).</summary>
    Netherlands = 1 << 9,

    /// <summary>Singapore (<c>SG</c>).</summary>
    Singapore = 1 << 10,

    /// <summary>The United States (<c>US</c>).</summary>
    UnitedStates = 1 << 11,
}
