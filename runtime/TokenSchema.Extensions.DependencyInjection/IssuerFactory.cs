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

/// <summary>The one place that turns validated settings into each platform's issuer.</summary>
internal static class IssuerFactory
{
    public static PlatformTokenIssuer<DailyToken> Daily(string apiKey, string domainId, TimeProvider clock, TokenIssuerSettings settings)
    {
        var issuer = new DailyTokenIssuer(apiKey, domainId, clock, settings.AllowShortKey);
        if (settings.Lifetime is { } lifetime)
        {
            issuer.DefaultLifetime = lifetime;
        }

        return issuer;
    }

    public static PlatformTokenIssuer<DigitalSambaToken> DigitalSamba(string teamId, string developerKey, TimeProvider clock, TokenIssuerSettings settings) =>
        new DigitalSambaTokenIssuer(teamId, developerKey, clock, settings.Lifetime, settings.AllowShortKey);

    public static PlatformTokenIssuer<LiveKitToken> LiveKit(string apiKey, string apiSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new LiveKitTokenIssuer(apiKey, apiSecret, clock, settings.Lifetime, settings.AllowShortKey);

    public static PlatformTokenIssuer<ZoomVideoSdkToken> Zoom(string sdkKey, string sdkSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new ZoomVideoSdkTokenIssuer(sdkKey, sdkSecret, clock, settings.Lifetime, settings.AllowShortKey);

    public static PlatformTokenIssuer<TwilioVideoToken> Twilio(string accountSid, string apiKeySid, string apiKeySecret, string? region, TimeProvider clock, TokenIssuerSettings settings) =>
        new TwilioVideoTokenIssuer(accountSid, apiKeySid, apiKeySecret, clock, settings.Lifetime, settings.AllowShortKey, region);

    public static PlatformTokenIssuer<HmsToken> Hms(string accessKey, string appSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new HmsTokenIssuer(accessKey, appSecret, clock, settings.Lifetime, allowShortKey: settings.AllowShortKey);

    public static PlatformTokenIssuer<StreamVideoToken> Stream(string apiSecret, TimeProvider clock, TokenIssuerSettings settings) =>
        new StreamVideoTokenIssuer(apiSecret, clock, settings.Lifetime, allowShortKey: settings.AllowShortKey);

    public static PlatformTokenIssuer<JitsiToken> Jitsi(string appId, string appSecret, string audience, TimeProvider clock, TokenIssuerSettings settings) =>
        new JitsiTokenIssuer(appId, appSecret, audience, clock, settings.Lifetime, allowShortKey: settings.AllowShortKey);
}
