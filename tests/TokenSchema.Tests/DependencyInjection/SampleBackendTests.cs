using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Playwright;
using TokenSchema.Daily;
using TokenSchema.LiveKit;
using Xunit;

namespace TokenSchema.Tests.DependencyInjection;

/// <summary>
/// samples/AspNetCore run as it runs in production: its own process on Kestrel, on a loopback port, configured by an
/// appsettings.json in its content root, called over real HTTP.
/// </summary>
public sealed class SampleBackendTests : IAsyncLifetime
{
    private const string DailyKeyA = "the sample's first daily api key, 32 bytes+";
    private const string DailyKeyB = "the sample's second daily api key, 32 bytes+";
    private const string LiveKitSecret = "the sample's livekit api secret, 32 bytes+";
    private const string AliceKey = "alice-sign-in-key";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tokenschema-sample-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process _app = null!;
    private HttpClient _http = null!;

    private static string SampleAssembly()
    {
        // The sample is built with the solution, in the configuration the tests are built in.
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        string repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        string path = Path.Combine(repository, "samples", "AspNetCore", "bin", configuration, "net10.0", "TokenSchema.Samples.AspNetCore.dll");
        Assert.True(File.Exists(path), "build the solution first: " + path);
        return path;
    }

    private void WriteSettings(string dailyKey)
    {
        var settings = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["TokenSchema"] = new JsonObject
            {
                ["Daily"] = new JsonObject { ["ApiKey"] = dailyKey, ["DomainId"] = "25df5057-ef0d-4d97-bde6-0cf287276cbb", ["RotationGracePeriod"] = "00:10:00" },
                ["LiveKit"] = new JsonObject { ["ApiKey"] = "APIsample", ["ApiSecret"] = LiveKitSecret },
            },
            ["Sample"] = new JsonObject { ["Users"] = new JsonObject { [AliceKey] = "alice" } },
        };
        string temporary = Path.Combine(_root, "appsettings.json.tmp");
        File.WriteAllText(temporary, settings.ToJsonString());
        File.Move(temporary, Path.Combine(_root, "appsettings.json"), overwrite: true);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        WriteSettings(DailyKeyA);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (string arg in new[] { SampleAssembly(), "--urls", "http://127.0.0.1:0", "--contentRoot", _root })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _app = Process.Start(start)!;
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _app.OutputDataReceived += (_, e) =>
        {
            lock (_log) _log.AppendLine(e.Data);
            if (e.Data is { } line && line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                listening.TrySetResult(line["listening on ".Length..].Split(' ')[0]);
            }
        };
        _app.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        _app.Exited += (_, _) => listening.TrySetException(new Xunit.Sdk.XunitException("the sample exited: " + _log));
        _app.EnableRaisingEvents = true;
        string address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("http://127.0.0.1:", address);
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public Task DisposeAsync()
    {
        _http?.Dispose();
        if (!_app.HasExited)
        {
            _app.Kill();
        }

        _app.WaitForExit();
        _app.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> RequestTokens(string room, string? bearer = AliceKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/rooms/" + Uri.EscapeDataString(room) + "/tokens");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task A_signed_in_user_gets_a_daily_and_a_livekit_token_that_verify_and_carry_the_user_and_the_room()
    {
        HttpResponseMessage response = await RequestTokens("standup");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        using var daily = JwtVerifier.FromSecret(DailyKeyA);
        Assert.True(daily.TryVerify(body.RootElement.GetProperty("daily").GetString().AsSpan(), out DailyToken? dailyToken, out JwtError dailyError), dailyError.ToString());
        Assert.Equal(("standup", "alice", "alice"), (dailyToken.RoomName, dailyToken.UserName, dailyToken.UserId));

        using var livekit = JwtVerifier.FromSecret(LiveKitSecret, new JwtVerifierOptions { ValidIssuers = ["APIsample"] });
        Assert.True(livekit.TryVerify(body.RootElement.GetProperty("liveKit").GetString().AsSpan(), out LiveKitToken? livekitToken, out JwtError livekitError), livekitError.ToString());
        Assert.Equal(("alice", "standup", true), (livekitToken.Identity, livekitToken.Video!.Room, livekitToken.Video.RoomJoin));

        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokens("standup", bearer: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokens("standup", bearer: "someone-else")).StatusCode);
        HttpResponseMessage health = await _http.GetAsync("/health");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
        lock (_log)
        {
            Assert.DoesNotContain(DailyKeyA, _log.ToString());
            Assert.DoesNotContain(LiveKitSecret, _log.ToString());
        }
    }

    [Fact]
    public async Task A_bad_room_name_is_a_400_with_the_problem()
    {
        HttpResponseMessage response = await RequestTokens("stand up!");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("room: 1 to 64 letters, digits", problem);
    }

    [Fact]
    public async Task A_configuration_reload_rotates_the_daily_key_and_old_tokens_verify_in_the_grace_period()
    {
        using JsonDocument before = JsonDocument.Parse(await (await RequestTokens("standup")).Content.ReadAsStringAsync());
        string oldToken = before.RootElement.GetProperty("daily").GetString()!;

        WriteSettings(DailyKeyB);
        using var withB = JwtVerifier.FromSecret(DailyKeyB);
        string? newToken = null;
        for (int attempt = 0; attempt < 100 && newToken is null; attempt++)
        {
            await Task.Delay(100);
            using JsonDocument after = JsonDocument.Parse(await (await RequestTokens("standup")).Content.ReadAsStringAsync());
            string candidate = after.RootElement.GetProperty("daily").GetString()!;
            newToken = withB.TryVerify(candidate.AsSpan(), out DailyToken? _, out _) ? candidate : null;
        }

        Assert.True(newToken is not null, "the sample did not pick up the new key within 10 s");
        foreach (string token in new[] { oldToken, newToken! })
        {
            using var verify = new StringContent(JsonSerializer.Serialize(new { token }), Encoding.UTF8, "application/json");
            HttpResponseMessage verified = await _http.PostAsync("/tokens/daily/verify", verify);
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            Assert.Contains("\"user\":\"alice\"", await verified.Content.ReadAsStringAsync());
        }

        using var forged = new StringContent(JsonSerializer.Serialize(new { token = newToken![..^4] + "AAAA" }), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostAsync("/tokens/daily/verify", forged)).StatusCode);
    }

    [Fact]
    public async Task The_token_inspector_page_is_served_under_the_admin_site_and_works_in_a_browser()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("/admin/tokens/")).StatusCode);
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/admin/tokens/");
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AliceKey);
        HttpResponseMessage page = await _http.SendAsync(signedIn);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("TokenSchema token inspector", await page.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));

        using JsonDocument issued = JsonDocument.Parse(await (await RequestTokens("standup")).Content.ReadAsStringAsync());
        string token = issued.RootElement.GetProperty("daily").GetString()!;
        if (await InspectorPageTests.Browser() is not ({ } playwright, { } browser))
        {
            return;
        }

        using (playwright)
        await using (browser)
        {
            await using IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + AliceKey },
            });
            IPage inspected = await InspectorPageTests.Inspect(browser, _http.BaseAddress + "admin/tokens/", token, DailyKeyA, "daily", context);
            Assert.Contains("room_name", await inspected.InnerTextAsync("#claims"));
            Assert.Equal("signature: verified (HS256); token accepted", await inspected.InnerTextAsync("#verdict"));
        }
    }

    [Fact]
    public async Task LiveKit_webhooks_are_verified_before_the_handler_sees_them()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"event":"participant_joined","room":{"name":"standup"},"participant":{"identity":"alice"},"id":"EV_1","createdAt":"1733808124"}""");
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials("APIsample", LiveKitSecret));
        string authorization = issuer.Issue(new LiveKitToken { Sha256 = LiveKitWebhookReceiver.BodyHash(body) });

        async Task<HttpResponseMessage> Post(byte[] content, string? header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/livekit/webhook") { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/webhook+json");
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", header);
            }

            return await _http.SendAsync(request);
        }

        HttpResponseMessage accepted = await Post(body, authorization);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("""{"event":"participant_joined","room":"standup","participant":"alice"}""", await accepted.Content.ReadAsStringAsync());

        byte[] changed = (byte[])body.Clone();
        changed[^3] ^= 1;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(changed, authorization)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(body, null)).StatusCode);
        using var otherKey = new LiveKitTokenIssuer(new LiveKitCredentials("APIsample", LiveKitSecret + "!"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(body, otherKey.Issue(new LiveKitToken { Sha256 = LiveKitWebhookReceiver.BodyHash(body) }))).StatusCode);

        byte[] notEvent = Encoding.UTF8.GetBytes("""{"event":["x"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(notEvent, issuer.Issue(new LiveKitToken { Sha256 = LiveKitWebhookReceiver.BodyHash(notEvent) }))).StatusCode);
        byte[] huge = new byte[(1 << 20) + 1];
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Post(huge, issuer.Issue(new LiveKitToken { Sha256 = LiveKitWebhookReceiver.BodyHash(huge) }))).StatusCode);
    }
}
