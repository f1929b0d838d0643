using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TokenSchema.Daily;
using TokenSchema.Extensions.DependencyInjection;
using TokenSchema.LiveKit;
using TokenSchema.Twilio;
using Xunit;

namespace TokenSchema.Tests.DependencyInjection;

/// <summary>Issuers from configuration: bound, validated when the host starts, keyed, on the container's clock, rotated on reload.</summary>
public sealed class DependencyInjectionTests
{
    private const string KeyA = "the first daily api key, thirty-two bytes";
    private const string KeyB = "the second daily api key, thirty-two bytes";
    private const string Domain = "25df5057-ef0d-4d97-bde6-0cf287276cbb";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static (IHost Host, IConfigurationRoot Configuration) Build(Dictionary<string, string?> values, Action<TokenSchemaBuilder, IConfiguration> add, TimeProvider? clock = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        add(builder.Services.AddTokenSchema(), builder.Configuration);
        builder.Services.AddHealthChecks().AddTokenSchema();
        IHost host = builder.Build();
        return (host, (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>());
    }

    private static Dictionary<string, string?> Daily(string key = KeyA, string domain = Domain) => new()
    {
        ["TokenSchema:Daily:ApiKey"] = key,
        ["TokenSchema:Daily:DomainId"] = domain,
        ["TokenSchema:Daily:Lifetime"] = "00:30:00",
        ["TokenSchema:Daily:RotationGracePeriod"] = "01:00:00",
    };

    [Fact]
    public async Task An_issuer_from_a_configuration_section_signs_on_the_containers_clock_and_verifies()
    {
        var clock = new ManualTimeProvider(Start);
        (IHost host, _) = Build(Daily(), (ts, c) => ts.AddDaily(c.GetSection("TokenSchema:Daily")), clock);
        using (host)
        {
            await host.StartAsync();
            var daily = host.Services.GetRequiredService<ConfiguredTokenIssuer<DailyToken>>();
            Assert.Same(daily, host.Services.GetRequiredKeyedService<ConfiguredTokenIssuer<DailyToken>>(Options.DefaultName));

            string token = daily.Issue(new DailyToken { RoomName = "standup" });
            Assert.True(daily.TryVerifyDetailed(token.AsSpan(), out DailyToken? read, out JwtVerificationFailure failure), failure.ToString());
            Assert.Equal((Start, Start.AddMinutes(30), Guid.Parse(Domain)), (read.IssuedAt, read.Expires, read.DomainId));
            using var independent = JwtVerifier.FromSecret(KeyA, new JwtVerifierOptions { TimeProvider = clock });
            Assert.True(independent.TryVerify(token.AsSpan(), out DailyToken? _, out JwtError error), error.ToString());

            HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, health.Status);
            Assert.Equal("signs and verifies", health.Entries["tokenschema"].Data["Daily ''"]);
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData("short key", "is 15 bytes long; an HS256 key needs at least 32")]
    [InlineData("no domain", "has no DomainId")]
    [InlineData("bad domain", "domain")]
    public async Task Settings_that_cannot_sign_fail_the_hosts_start_in_the_platforms_words_without_the_key(string fault, string expected)
    {
        Dictionary<string, string?> values = fault switch
        {
            "short key" => Daily(key: "short-daily-key"),
            "no domain" => Daily(domain: ""),
            _ => Daily(domain: "not-a-uuid"),
        };
        (IHost host, _) = Build(values, (ts, c) => ts.AddDaily(c.GetSection("TokenSchema:Daily")));
        using (host)
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("The Daily issuer (configuration section 'TokenSchema:Daily') is not valid", refused.Message);
            Assert.Contains(expected, refused.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(values["TokenSchema:Daily:ApiKey"]!, refused.Message);
        }
    }

    [Fact]
    public async Task A_twilio_sid_with_the_wrong_prefix_fails_the_start()
    {
        var values = new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "SK0123456789abcdef0123456789abcdef",
            ["Twilio:ApiKeySid"] = "SKfedcba9876543210fedcba9876543210",
            ["Twilio:ApiKeySecret"] = "a twilio api key secret of 32 bytes",
        };
        (IHost host, _) = Build(values, (ts, c) => ts.AddTwilio(c.GetSection("Twilio")));
        using (host)
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("The Twilio issuer (configuration section 'Twilio') is not valid", refused.Message);
            Assert.Contains("AC", refused.Message);
            Assert.DoesNotContain("a twilio api key secret", refused.Message);
        }
    }

    [Fact]
    public async Task Named_issuers_are_keyed_services_one_per_tenant()
    {
        var values = new Dictionary<string, string?>
        {
            ["Tenants:acme:ApiKey"] = KeyA,
            ["Tenants:acme:DomainId"] = Domain,
            ["Tenants:globex:ApiKey"] = KeyB,
            ["Tenants:globex:DomainId"] = "00000000-0000-4000-8000-00000000da11",
        };
        (IHost host, _) = Build(values, (ts, c) => ts.AddDaily("acme", c.GetSection("Tenants:acme")).AddDaily("globex", c.GetSection("Tenants:globex")));
        using (host)
        {
            await host.StartAsync();
            var acme = host.Services.GetRequiredKeyedService<ConfiguredTokenIssuer<DailyToken>>("acme");
            var globex = host.Services.GetRequiredKeyedService<ConfiguredTokenIssuer<DailyToken>>("globex");
            Assert.NotSame(acme, globex);
            Assert.Null(host.Services.GetService<ConfiguredTokenIssuer<DailyToken>>());
            string token = acme.Issue(new DailyToken { RoomName = "standup" });
            Assert.True(acme.TryVerify(token.AsSpan(), out _, out _));
            Assert.False(globex.TryVerifyDetailed(token.AsSpan(), out _, out JwtVerificationFailure failure));
            Assert.Equal(JwtError.BadSignature, failure.Error);
            Assert.Equal(2, (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["tokenschema"].Data.Count);
        }
    }

    [Fact]
    public async Task A_delegate_configures_an_issuer_too()
    {
        (IHost host, _) = Build([], (ts, _) => ts.AddLiveKit(s => { s.ApiKey = "APIkey"; s.ApiSecret = "a livekit api secret of thirty-two bytes"; }));
        using (host)
        {
            await host.StartAsync();
            var livekit = host.Services.GetRequiredService<ConfiguredTokenIssuer<LiveKitToken>>();
            Assert.True(livekit.TryVerify(livekit.Issue(new LiveKitToken { Identity = "alice" }).AsSpan(), out LiveKitToken? read, out _));
            Assert.Equal("APIkey", read.ApiKey);
        }
    }

    [Fact]
    public async Task A_configuration_change_rotates_the_key_and_old_tokens_verify_for_the_grace_period_only()
    {
        var clock = new ManualTimeProvider(Start);
        (IHost host, IConfigurationRoot configuration) = Build(Daily(), (ts, c) => ts.AddDaily(c.GetSection("TokenSchema:Daily")), clock);
        using (host)
        {
            await host.StartAsync();
            var daily = host.Services.GetRequiredService<ConfiguredTokenIssuer<DailyToken>>();
            string before = daily.Issue(new DailyToken { RoomName = "standup" });

            configuration["TokenSchema:Daily:ApiKey"] = KeyB;
            configuration.Reload();
            string after = daily.Issue(new DailyToken { RoomName = "standup" });
            using (var withB = JwtVerifier.FromSecret(KeyB, new JwtVerifierOptions { TimeProvider = clock }))
            {
                Assert.True(withB.TryVerify(after.AsSpan(), out DailyToken? _, out _), "signs with the new key");
            }

            Assert.True(daily.TryVerify(before.AsSpan(), out _, out _), "the previous key verifies in the grace period");
            configuration["Unrelated:Setting"] = "x";
            configuration.Reload();
            Assert.True(daily.TryVerify(before.AsSpan(), out _, out _), "a reload that changed nothing of the issuer keeps the previous key");

            // An invalid change is not applied: the issuer keeps signing with the key it has.
            configuration["TokenSchema:Daily:ApiKey"] = "too-short";
            configuration.Reload();
            using (var withB = JwtVerifier.FromSecret(KeyB, new JwtVerifierOptions { TimeProvider = clock }))
            {
                Assert.True(withB.TryVerify(daily.Issue(new DailyToken { RoomName = "standup" }).AsSpan(), out DailyToken? _, out _));
            }

            clock.Now = Start.AddMinutes(61);
            Assert.False(daily.TryVerifyDetailed(before.AsSpan(), out _, out JwtVerificationFailure late));
            Assert.Equal(JwtError.BadSignature, late.Error);
        }
    }

    [Fact]
    public async Task Rotation_under_load_never_gives_a_torn_token()
    {
        (IHost host, IConfigurationRoot configuration) = Build(Daily(), (ts, c) => ts.AddDaily(c.GetSection("TokenSchema:Daily")));
        using (host)
        {
            await host.StartAsync();
            var daily = host.Services.GetRequiredService<ConfiguredTokenIssuer<DailyToken>>();
            using var withA = JwtVerifier.FromSecret(KeyA);
            using var withB = JwtVerifier.FromSecret(KeyB);
            var failures = new ConcurrentBag<string>();
            int signed = 0;
            using var stop = new CancellationTokenSource();
            Task[] workers = Enumerable.Range(0, Environment.ProcessorCount * 2).Select(i => Task.Run(() =>
            {
                var token = new DailyToken { RoomName = "room-" + i, UserId = "user-" + i };
                while (!stop.IsCancellationRequested)
                {
                    string issued = daily.Issue(token);
                    bool a = withA.TryVerify(issued.AsSpan(), out DailyToken? _, out _);
                    bool b = withB.TryVerify(issued.AsSpan(), out DailyToken? _, out _);
                    if (a == b || !daily.TryVerify(issued.AsSpan(), out DailyToken? read, out _) || read.UserId != token.UserId)
                    {
                        failures.Add($"a={a} b={b}");
                    }

                    Interlocked.Increment(ref signed);
                }
            })).ToArray();

            for (int change = 0; change < 40; change++)
            {
                configuration["TokenSchema:Daily:ApiKey"] = change % 2 == 0 ? KeyB : KeyA;
                configuration.Reload();
                await Task.Delay(5);
            }

            stop.Cancel();
            await Task.WhenAll(workers);
            Assert.Empty(failures);
            Assert.True(signed > 1000, $"only {signed} tokens were signed");
        }
    }

    [Fact]
    public void Settings_never_show_their_secret()
    {
        var settings = new DailySettings { ApiKey = KeyA, DomainId = Domain };
        Assert.DoesNotContain(KeyA, settings.ToString());
    }
}
