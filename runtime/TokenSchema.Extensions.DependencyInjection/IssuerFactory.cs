using System;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;
using TokenSchema.Zoom;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>The one place that turns validated settings into each platform's credentials, options and issuer.</summary>
internal static class IssuerFactory
{
    /// <summary>The options every platform shares, from the settings every platform shares.</summary>
    private static TOptions Options<TOptions>(TokenIssuerSettings settings, TimeProvider clock) where TOptions : PlatformTokenIssuerOptions, new() => new()
    {
        TimeProvider = clock,
        Lifetime = settings.Lifetime,
        MaxLifetime = settings.MaxLifetime,
        Backdating = settings.Backdating,
        AllowShortKey = settings.AllowShortKey,
        KeyId = settings.KeyId,
    };

    public static PlatformTokenIssuer<DailyToken> Daily(string apiKey, string domainId, bool rejectOverlongTokens, TimeProvider clock, TokenIssuerSettings settings)
    {
        DailyTokenIssuerOptions options = Options<DailyTokenIssuerOptions>(settings, clock);
        return new DailyTokenIssuer(new DailyCredentials(apiKey, DailyCredentials.ParseDomainId(domainId)),
            new DailyTokenIssuerOptions
            {
                TimeProvider = options.TimeProvider, Lifetime = options.Lifetime, MaxLifetime = options.MaxLifetime, Backdating = options.Backdating,
                AllowShortKey = options.AllowShortKey, KeyId = options.KeyId, RejectOverlongTokens = rejectOverlongTokens,
            });
    }

    public static PlatformTokenIssuer<DigitalSambaToken> DigitalSamba(string teamId, string developerKey, TimeProvider clock, TokenIssuerSettings settings) =>
        new DigitalSambaTokenIssuer(new DigitalSambaCredentials(teamId, developerKey), Options<DigitalSambaTokenIssuerOptions>(settings, clock));

    public static PlatformTokenIssuer<LiveKitToken> LiveKit(string apiKey, string apiSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new LiveKitTokenIssuer(new LiveKitCredentials(apiKey, apiSecret), Options<LiveKitTokenIssuerOptions>(settings, clock));

    public static PlatformTokenIssuer<ZoomVideoSdkToken> Zoom(string sdkKey, string sdkSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials(sdkKey, sdkSecret), Options<ZoomVideoSdkTokenIssuerOptions>(settings, clock));

    public static PlatformTokenIssuer<TwilioVideoToken> Twilio(string accountSid, string apiKeySid, string apiKeySecret, string? region, TimeProvider clock, TokenIssuerSettings settings)
    {
        TwilioVideoTokenIssuerOptions options = Options<TwilioVideoTokenIssuerOptions>(settings, clock);
        return new TwilioVideoTokenIssuer(new TwilioCredentials(accountSid, apiKeySid, apiKeySecret),
            new TwilioVideoTokenIssuerOptions
            {
                TimeProvider = options.TimeProvider, Lifetime = options.Lifetime, MaxLifetime = options.MaxLifetime, Backdating = options.Backdating,
                AllowShortKey = options.AllowShortKey, KeyId = options.KeyId, Region = region,
            });
    }

    public static PlatformTokenIssuer<HmsToken> Hms(string accessKey, string appSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new HmsTokenIssuer(new HmsCredentials(accessKey, appSecret), Options<HmsTokenIssuerOptions>(settings, clock));

    public static PlatformTokenIssuer<StreamVideoToken> Stream(string apiSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new StreamVideoTokenIssuer(new StreamVideoCredentials(apiSecret), Options<StreamVideoTokenIssuerOptions>(settings, clock));

    public static PlatformTokenIssuer<JitsiToken> Jitsi(string appId, string appSecret, string audience, TimeProvider clock, TokenIssuerSettings settings)
    {
        JitsiTokenIssuerOptions options = Options<JitsiTokenIssuerOptions>(settings, clock);
        return new JitsiTokenIssuer(new JitsiCredentials(appId, appSecret),
            new JitsiTokenIssuerOptions
            {
                TimeProvider = options.TimeProvider, Lifetime = options.Lifetime, MaxLifetime = options.MaxLifetime, Backdating = options.Backdating,
                AllowShortKey = options.AllowShortKey, KeyId = options.KeyId, Audience = audience,
            });
    }
}
