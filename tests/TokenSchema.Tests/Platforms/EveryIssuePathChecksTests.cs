using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using TokenSchema.Daily;
using TokenSchema.DigitalSamba;
using TokenSchema.Hms;
using TokenSchema.Jitsi;
using TokenSchema.LiveKit;
using TokenSchema.StreamVideo;
using TokenSchema.Twilio;
using TokenSchema.Zoom;
using Xunit;

namespace TokenSchema.Tests.Platforms;

/// <summary>
/// Every public method of the issuers that returns a token (a string, a <c>TryIssue</c> bool, a length, an array, a
/// stream of items, a task) runs the same checks: found by reflection, each is fed an invalid token (and, on Daily, an
/// over-long one) and must refuse it. A method the test does not know how to call fails it, so a new issue path has to be
/// added here, with the checks.
/// </summary>
public sealed class EveryIssuePathChecksTests
{
    private const string Secret = "every-issue-path-secret-of-at-least-32-bytes";
    private static readonly TimeProvider Clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    /// <summary>Methods with a token-like return type that issue nothing, and why.</summary>
    private static readonly Dictionary<string, string> NotIssuing = new()
    {
        ["TryVerify(ReadOnlySpan<Char>,TToken&,JwtError&)"] = "verifies",
        ["TryVerify(ReadOnlySpan<Byte>,TToken&,JwtError&)"] = "verifies",
        ["TryVerifyDetailed(ReadOnlySpan<Char>,TToken&,JwtVerificationFailure&)"] = "verifies",
        ["TryVerifyDetailed(ReadOnlySpan<Byte>,TToken&,JwtVerificationFailure&)"] = "verifies",
        ["static ExceedsRecommendedLength(String)"] = "measures a token",
    };

    /// <summary>How a refusal shows: the exception of the single-token paths, or a problem item of IssueEachAsync.</summary>
    private delegate Task Refuses<T>(PlatformTokenIssuer<T> issuer, T token, Type exception) where T : IJwtPayload<T>;

    /// <summary>The paths every issuer has, by signature.</summary>
    private static Dictionary<string, Refuses<T>> SharedPaths<T>() where T : IJwtPayload<T> => new()
    {
        ["Issue(TToken)"] = (issuer, token, exception) => Throws(exception, () => issuer.Issue(token)),
        ["TryIssue(TToken,Span<Byte>,Int32&)"] = (issuer, token, exception) => Throws(exception, () => issuer.TryIssue(token, new byte[16384], out _)),
        ["Issue(TToken,IBufferWriter<Byte>)"] = (issuer, token, exception) => Throws(exception, () => issuer.Issue(token, new ArrayBufferWriter<byte>())),
        ["IssueAll(IReadOnlyList<TToken>,Int32,CancellationToken)"] = (issuer, token, exception) => Throws(exception, () => issuer.IssueAll([token])),
        ["IssueEachAsync(IAsyncEnumerable<TToken>,BulkSignOptions,CancellationToken)"] = async (issuer, token, _) =>
        {
            var items = new List<(bool Signed, int Problems)>();
            await foreach (BulkSignItem item in issuer.IssueEachAsync(Async(token)))
            {
                items.Add((item.IsSigned, item.Problems.Count));
            }

            (bool signed, int problems) = Assert.Single(items);
            Assert.False(signed);
            Assert.True(problems > 0);
        },
    };

    [Fact]
    public Task Daily() => Check(
        () => new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse("25df5057-ef0d-4d97-bde6-0cf287276cbb")), new DailyTokenIssuerOptions { TimeProvider = Clock }),
        new DailyToken { RoomName = "standup", UserId = new string('u', 37) },
        new Dictionary<string, Action<DailyTokenIssuer>>
        {
            // Not a token (Daily signs it), but the same claims' checks.
            ["CreateRestRequestBody(DailyToken,DailyRestOptions)"] = issuer =>
                Assert.Throws<JwtPayloadValidationException>(() => issuer.CreateRestRequestBody(new DailyToken { RoomName = "standup", UserId = new string('u', 37) })),
        },
        overlong: new DailyToken { RoomName = "standup", UserName = new string('n', 2100) });

    [Fact]
    public Task DigitalSamba() => Check(
        () => new DigitalSambaTokenIssuer(new DigitalSambaCredentials("team", Secret), new DigitalSambaTokenIssuerOptions { TimeProvider = Clock }),
        new DigitalSambaToken { RoomId = " " },
        new Dictionary<string, Action<DigitalSambaTokenIssuer>>());

    [Fact]
    public Task LiveKit() => Check(
        () => new LiveKitTokenIssuer(new LiveKitCredentials("APIkey", Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock }),
        new LiveKitToken { Video = new LiveKitVideoGrant { Room = "r", RoomJoin = true } },
        new Dictionary<string, Action<LiveKitTokenIssuer>>
        {
            ["IssueJoin(String,String,String)"] = issuer => Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueJoin("", "r")),
        });

    [Fact]
    public Task Zoom() => Check(
        () => new ZoomVideoSdkTokenIssuer(new ZoomVideoSdkCredentials("sdk-key", Secret), new ZoomVideoSdkTokenIssuerOptions { TimeProvider = Clock }),
        new ZoomVideoSdkToken { SessionName = new string('s', 201), RoleType = ZoomRoleType.Host },
        new Dictionary<string, Action<ZoomVideoSdkTokenIssuer>>
        {
            ["Issue(String,ZoomRoleType,String)"] = issuer => Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue(new string('s', 201), ZoomRoleType.Host)),
        });

    [Fact]
    public Task Twilio() => Check(
        () => new TwilioVideoTokenIssuer(new TwilioCredentials("AC0123456789abcdef0123456789abcdef", "SKfedcba9876543210fedcba9876543210", Secret), new TwilioVideoTokenIssuerOptions { TimeProvider = Clock }),
        new TwilioVideoToken { Grants = new TwilioGrants { Identity = "", Video = new TwilioVideoGrant() } },
        new Dictionary<string, Action<TwilioVideoTokenIssuer>>
        {
            ["Issue(String,String)"] = issuer => Assert.Throws<JwtPayloadValidationException>(() => issuer.Issue("")),
        });

    [Fact]
    public Task Hms() => Check(
        () => new HmsTokenIssuer(new HmsCredentials("access", Secret), new HmsTokenIssuerOptions { TimeProvider = Clock }),
        new HmsToken { Type = HmsTokenType.App, RoomId = "r" },
        new Dictionary<string, Action<HmsTokenIssuer>>
        {
            ["IssueAppToken(String,String,String)"] = issuer => Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueAppToken("r", "")),
            // No input: the one token it issues goes through Issue(TToken), whose checks are above; it must stay valid.
            ["IssueManagementToken()"] = issuer => Assert.NotEmpty(issuer.IssueManagementToken()),
        });

    [Fact]
    public Task StreamVideo() => Check(
        () => new StreamVideoTokenIssuer(new StreamVideoCredentials(Secret), new StreamVideoTokenIssuerOptions { TimeProvider = Clock }),
        new StreamVideoToken { UserId = "alice", CallCids = ["standup"] },
        new Dictionary<string, Action<StreamVideoTokenIssuer>>
        {
            ["IssueUserToken(String)"] = issuer => Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueUserToken("")),
            ["IssueCallToken(String,IReadOnlyList<String>,String)"] = issuer => Assert.Throws<JwtPayloadValidationException>(() => issuer.IssueCallToken("alice", ["standup"])),
        });

    [Fact]
    public Task Jitsi() => Check(
        () => new JitsiTokenIssuer(new JitsiCredentials("app", Secret), new JitsiTokenIssuerOptions { TimeProvider = Clock }),
        new JitsiToken { Room = "standup", Subject = "Meet.Example.com" },
        new Dictionary<string, Action<JitsiTokenIssuer>>());

    [Fact]
    public void The_test_refuses_a_method_it_does_not_know()
    {
        MethodInfo unknown = typeof(string).GetMethod(nameof(string.Trim), Type.EmptyTypes)!;
        Assert.True(ReturnsAToken(unknown));
        Assert.Throws<Xunit.Sdk.FailException>(() => Classify(unknown, typeof(string), new Dictionary<string, Refuses<DailyToken>>(), new HashSet<string>()));
    }

    /// <summary>Every token-returning method of <typeparamref name="TIssuer"/> (its own and the base class's) refuses the invalid and the over-long token.</summary>
    private static async Task Check<TIssuer, T>(Func<TIssuer> create, T invalid, Dictionary<string, Action<TIssuer>> own, T? overlong = default)
        where TIssuer : PlatformTokenIssuer<T>
        where T : class, IJwtPayload<T>
    {
        Dictionary<string, Refuses<T>> shared = SharedPaths<T>();
        var seen = new HashSet<string>();
        using TIssuer issuer = create();
        foreach (MethodInfo method in typeof(TIssuer).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        {
            if (method.DeclaringType == typeof(object) || method.IsSpecialName || !ReturnsAToken(method))
            {
                continue;
            }

            string key = Classify(method, typeof(T), shared, own.Keys.ToHashSet());
            seen.Add(key);
            if (shared.TryGetValue(key, out Refuses<T>? refuses))
            {
                await refuses(issuer, invalid, typeof(JwtPayloadValidationException));
                if (overlong is not null)
                {
                    await refuses(issuer, overlong, typeof(InvalidOperationException));
                }
            }
            else if (own.TryGetValue(key, out Action<TIssuer>? call))
            {
                call(issuer);
            }
        }

        // Every shared path was met (the reflection found them), and every platform path listed exists.
        Assert.Superset(shared.Keys.ToHashSet(), seen);
        Assert.Superset(own.Keys.ToHashSet(), seen);
    }

    private static bool ReturnsAToken(MethodInfo method)
    {
        Type type = method.ReturnType;
        return type == typeof(string) || type == typeof(string[]) || type == typeof(int) || type == typeof(bool) ||
            type == typeof(IAsyncEnumerable<BulkSignItem>) || typeof(Task).IsAssignableFrom(type) ||
            (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)) || type == typeof(ValueTask);
    }

    private static string Classify<T>(MethodInfo method, Type token, Dictionary<string, Refuses<T>> shared, HashSet<string> own) where T : IJwtPayload<T>
    {
        string parameters = string.Join(",", method.GetParameters().Select(p => Name(p.ParameterType, token)));
        string key = (method.IsStatic ? "static " : "") + method.Name + "(" + parameters + ")";
        string ownKey = method.Name + "(" + string.Join(",", method.GetParameters().Select(p => Name(p.ParameterType, null))) + ")";
        if (shared.ContainsKey(key) || NotIssuing.ContainsKey(key))
        {
            return key;
        }

        if (own.Contains(ownKey))
        {
            return ownKey;
        }

        Assert.Fail($"{method.DeclaringType?.Name}.{key} returns a token, but this test does not know how to call it: add it to SharedPaths or the platform's own paths, with the checks.");
        return key;
    }

    /// <summary>A type's short name, generic arguments included; the token type as <c>TToken</c> when <paramref name="token"/> is given.</summary>
    private static string Name(Type type, Type? token)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!, token) + "&";
        }

        if (type == token)
        {
            return "TToken";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name[..type.Name.IndexOf('`')];
        return name + "<" + string.Join(",", type.GetGenericArguments().Select(a => Name(a, token))) + ">";
    }

    private static Task Throws(Type exception, Action action)
    {
        Exception thrown = Assert.ThrowsAny<Exception>(action);
        Assert.IsType(exception, thrown);
        return Task.CompletedTask;
    }

    private static async IAsyncEnumerable<T> Async<T>(T token)
    {
        await Task.Yield();
        yield return token;
    }
}
