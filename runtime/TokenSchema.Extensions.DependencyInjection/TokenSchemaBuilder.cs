using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;
using TokenSchema.Zoom;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>Registers TokenSchema's issuers: <c>services.AddTokenSchema().AddDaily(configuration.GetSection("TokenSchema:Daily"))</c>.</summary>
public static class TokenSchemaServiceCollectionExtensions
{
    /// <summary>Starts TokenSchema's registrations; add each platform's issuer to the builder it returns.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    public static TokenSchemaBuilder AddTokenSchema(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new TokenSchemaBuilder(services);
    }
}

/// <summary>
/// Adds one issuer per platform and name, each a singleton <see cref="ConfiguredTokenIssuer{TToken}"/> (keyed by its name,
/// and unkeyed for the default name) made from a configuration section or a delegate; the settings are validated when
/// the host starts, in the platform's words; the clock is the <see cref="TimeProvider"/> of the container when one is
/// registered. Several tenants or domains: one name each, <c>AddDaily("acme", section)</c>, injected with
/// <c>[FromKeyedServices("acme")]</c>.
/// </summary>
public sealed class TokenSchemaBuilder
{
    internal TokenSchemaBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds the Daily issuer from <paramref name="section"/> (<c>ApiKey</c>, <c>DomainId</c>, <c>Lifetime</c>…).</summary>
    public TokenSchemaBuilder AddDaily(IConfiguration section) => AddDaily(Options.DefaultName, section);

    /// <summary>Adds the Daily issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddDaily(string name, IConfiguration section) => Add<DailySettings, DailyToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the Daily issuer from a delegate.</summary>
    public TokenSchemaBuilder AddDaily(Action<DailySettings> configure) => AddDaily(Options.DefaultName, configure);

    /// <summary>Adds the Daily issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddDaily(string name, Action<DailySettings> configure) => Add<DailySettings, DailyToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the Digital Samba issuer from <paramref name="section"/> (<c>TeamId</c>, <c>DeveloperKey</c>…).</summary>
    public TokenSchemaBuilder AddDigitalSamba(IConfiguration section) => AddDigitalSamba(Options.DefaultName, section);

    /// <summary>Adds the Digital Samba issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddDigitalSamba(string name, IConfiguration section) => Add<DigitalSambaSettings, DigitalSambaToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the Digital Samba issuer from a delegate.</summary>
    public TokenSchemaBuilder AddDigitalSamba(Action<DigitalSambaSettings> configure) => AddDigitalSamba(Options.DefaultName, configure);

    /// <summary>Adds the Digital Samba issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddDigitalSamba(string name, Action<DigitalSambaSettings> configure) => Add<DigitalSambaSettings, DigitalSambaToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the LiveKit issuer from <paramref name="section"/> (<c>ApiKey</c>, <c>ApiSecret</c>…).</summary>
    public TokenSchemaBuilder AddLiveKit(IConfiguration section) => AddLiveKit(Options.DefaultName, section);

    /// <summary>Adds the LiveKit issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddLiveKit(string name, IConfiguration section) => Add<LiveKitSettings, LiveKitToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the LiveKit issuer from a delegate.</summary>
    public TokenSchemaBuilder AddLiveKit(Action<LiveKitSettings> configure) => AddLiveKit(Options.DefaultName, configure);

    /// <summary>Adds the LiveKit issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddLiveKit(string name, Action<LiveKitSettings> configure) => Add<LiveKitSettings, LiveKitToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the Zoom Video SDK issuer from <paramref name="section"/> (<c>SdkKey</c>, <c>SdkSecret</c>…).</summary>
    public TokenSchemaBuilder AddZoomVideoSdk(IConfiguration section) => AddZoomVideoSdk(Options.DefaultName, section);

    /// <summary>Adds the Zoom Video SDK issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddZoomVideoSdk(string name, IConfiguration section) => Add<ZoomVideoSdkSettings, ZoomVideoSdkToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the Zoom Video SDK issuer from a delegate.</summary>
    public TokenSchemaBuilder AddZoomVideoSdk(Action<ZoomVideoSdkSettings> configure) => AddZoomVideoSdk(Options.DefaultName, configure);

    /// <summary>Adds the Zoom Video SDK issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddZoomVideoSdk(string name, Action<ZoomVideoSdkSettings> configure) => Add<ZoomVideoSdkSettings, ZoomVideoSdkToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the Twilio Video issuer from <paramref name="section"/> (<c>AccountSid</c>, <c>ApiKeySid</c>, <c>ApiKeySecret</c>, <c>Region</c>…).</summary>
    public TokenSchemaBuilder AddTwilio(IConfiguration section) => AddTwilio(Options.DefaultName, section);

    /// <summary>Adds the Twilio Video issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddTwilio(string name, IConfiguration section) => Add<TwilioSettings, TwilioVideoToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the Twilio Video issuer from a delegate.</summary>
    public TokenSchemaBuilder AddTwilio(Action<TwilioSettings> configure) => AddTwilio(Options.DefaultName, configure);

    /// <summary>Adds the Twilio Video issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddTwilio(string name, Action<TwilioSettings> configure) => Add<TwilioSettings, TwilioVideoToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the 100ms issuer from <paramref name="section"/> (<c>AccessKey</c>, <c>AppSecret</c>…).</summary>
    public TokenSchemaBuilder AddHms(IConfiguration section) => AddHms(Options.DefaultName, section);

    /// <summary>Adds the 100ms issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddHms(string name, IConfiguration section) => Add<HmsSettings, HmsToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the 100ms issuer from a delegate.</summary>
    public TokenSchemaBuilder AddHms(Action<HmsSettings> configure) => AddHms(Options.DefaultName, configure);

    /// <summary>Adds the 100ms issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddHms(string name, Action<HmsSettings> configure) => Add<HmsSettings, HmsToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the Stream Video issuer from <paramref name="section"/> (<c>ApiSecret</c>…).</summary>
    public TokenSchemaBuilder AddStreamVideo(IConfiguration section) => AddStreamVideo(Options.DefaultName, section);

    /// <summary>Adds the Stream Video issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddStreamVideo(string name, IConfiguration section) => Add<StreamVideoSettings, StreamVideoToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the Stream Video issuer from a delegate.</summary>
    public TokenSchemaBuilder AddStreamVideo(Action<StreamVideoSettings> configure) => AddStreamVideo(Options.DefaultName, configure);

    /// <summary>Adds the Stream Video issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddStreamVideo(string name, Action<StreamVideoSettings> configure) => Add<StreamVideoSettings, StreamVideoToken>(name, null, o => o.Configure(configure));

    /// <summary>Adds the Jitsi issuer from <paramref name="section"/> (<c>AppId</c>, <c>AppSecret</c>, <c>Audience</c>…).</summary>
    public TokenSchemaBuilder AddJitsi(IConfiguration section) => AddJitsi(Options.DefaultName, section);

    /// <summary>Adds the Jitsi issuer named <paramref name="name"/> from <paramref name="section"/>.</summary>
    public TokenSchemaBuilder AddJitsi(string name, IConfiguration section) => Add<JitsiSettings, JitsiToken>(name, Section(section), o => o.Bind(section));

    /// <summary>Adds the Jitsi issuer from a delegate.</summary>
    public TokenSchemaBuilder AddJitsi(Action<JitsiSettings> configure) => AddJitsi(Options.DefaultName, configure);

    /// <summary>Adds the Jitsi issuer named <paramref name="name"/> from a delegate.</summary>
    public TokenSchemaBuilder AddJitsi(string name, Action<JitsiSettings> configure) => Add<JitsiSettings, JitsiToken>(name, null, o => o.Configure(configure));

    private static string? Section(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return (section as IConfigurationSection)?.Path;
    }

    /// <summary>The one registration every platform shares; <paramref name="bind"/> is the platform's own (source-generated) binding.</summary>
    private TokenSchemaBuilder Add<TSettings, TToken>(string name, string? sectionPath, Action<OptionsBuilder<TSettings>> bind)
        where TSettings : TokenIssuerSettings<TToken>, new()
        where TToken : IJwtPayload<TToken>
    {
        ArgumentNullException.ThrowIfNull(name);
        OptionsBuilder<TSettings> options = Services.AddOptions<TSettings>(name);
        bind(options);
        // Validated when the host starts (not through IValidateOptions, which would make a later invalid reload throw
        // from the configuration's change callback; a reload is validated by the rotation, which keeps the old key).
        var validator = new SettingsValidator<TSettings, TToken>(name, sectionPath);
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TokenSchemaStartupValidation>());

        Services.AddKeyedSingleton<ConfiguredTokenIssuer<TToken>>(name, (provider, _) =>
        {
            IOptionsMonitor<TSettings> monitor = provider.GetRequiredService<IOptionsMonitor<TSettings>>();
            TimeProvider clock = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            ILogger? logger = provider.GetService<ILoggerFactory>()?.CreateLogger("TokenSchema.Extensions.DependencyInjection.ConfiguredTokenIssuer");
            return new ConfiguredTokenIssuer<TToken>(name, monitor.Get(name), apply => monitor.OnChange((changed, changedName) =>
            {
                if ((changedName ?? Options.DefaultName) == name)
                {
                    apply(changed);
                }
            }), clock, logger);
        });
        if (name == Options.DefaultName)
        {
            Services.TryAddSingleton(provider => provider.GetRequiredKeyedService<ConfiguredTokenIssuer<TToken>>(Options.DefaultName));
        }

        Services.AddSingleton(new TokenSchemaRegistration(name, provider => provider.GetRequiredKeyedService<ConfiguredTokenIssuer<TToken>>(name),
            provider => validator.Problem(provider.GetRequiredService<IOptionsMonitor<TSettings>>().Get(name))));
        return this;
    }
}

/// <summary>One issuer the builder registered, for the health check.</summary>
internal sealed record TokenSchemaRegistration(string Name, Func<IServiceProvider, IIssuerProbe> Resolve, Func<IServiceProvider, string?> Validate);

/// <summary>Fails the host's start when any issuer's settings cannot sign, listing every problem in the platforms' words.</summary>
internal sealed class TokenSchemaStartupValidation(IServiceProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (TokenSchemaRegistration registration in provider.GetServices<TokenSchemaRegistration>())
        {
            if (registration.Validate(provider) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TokenIssuerSettings), problems);
        }

        // Each issuer is made now, not at the first request.
        foreach (TokenSchemaRegistration registration in provider.GetServices<TokenSchemaRegistration>())
        {
            registration.Resolve(provider);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Validates a platform's settings by building its issuer: a short key, a Twilio SID with the wrong prefix, a missing domain id fail the host's start.</summary>
internal sealed class SettingsValidator<TSettings, TToken>(string name, string? sectionPath)
    where TSettings : TokenIssuerSettings<TToken>
    where TToken : IJwtPayload<TToken>
{
    public string? Problem(TSettings options)
    {
        string where = (sectionPath is null ? "" : $" (configuration section '{sectionPath}')") + (name == Options.DefaultName ? "" : $" named '{name}'");
        if (options.RotationGracePeriod < TimeSpan.Zero)
        {
            return $"The {options.Platform} issuer{where}: RotationGracePeriod must not be negative.";
        }

        try
        {
            using PlatformTokenIssuer<TToken> issuer = options.CreateIssuer(TimeProvider.System);
            return null;
        }
        catch (ArgumentException exception)
        {
            return $"The {options.Platform} issuer{where} is not valid: {exception.Message}";
        }
    }
}
