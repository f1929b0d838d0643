using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using TokenSchema.Daily;
using TokenSchema.LiveKit;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>
/// <c>tokenschema serve</c> run as a process and its page driven in a real browser: Debian's Chromium, headless,
/// through Playwright with the system browser's executable path (no browser is downloaded). Without Chromium the test
/// fails with how to install it; set <c>TOKENSCHEMA_SKIP_BROWSER=1</c> to leave it out on a machine without one.
/// </summary>
public sealed class InspectorPageTests : IAsyncLifetime
{
    private const string Secret = "an inspector page key of thirty-two bytes";
    private const string Domain = "25df5057-ef0d-4d97-bde6-0cf287276cbb";
    private Process _server = null!;
    private readonly StringBuilder _serverOutput = new();
    private string _url = "";

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TokenSchema.Cli.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.Environment.Remove("TOKENSCHEMA_SECRET");
        _server = Process.Start(start)!;
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.OutputDataReceived += (_, e) =>
        {
            lock (_serverOutput) _serverOutput.AppendLine(e.Data);
            address.TrySetResult(e.Data ?? "");
        };
        _server.ErrorDataReceived += (_, e) => { lock (_serverOutput) _serverOutput.AppendLine(e.Data); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        string first = await address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        int at = first.IndexOf("http://127.0.0.1:", StringComparison.Ordinal);
        Assert.True(at >= 0, first);
        _url = first[at..first.IndexOf('/', at + 7)] + "/";
    }

    public Task DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill();
        }

        _server.WaitForExit();
        _server.Dispose();
        return Task.CompletedTask;
    }

    private static string? Chromium() =>
        Array.Find(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"], File.Exists);

    internal static async Task<(IPlaywright, IBrowser)?> Browser()
    {
        if (Environment.GetEnvironmentVariable("TOKENSCHEMA_SKIP_BROWSER") == "1")
        {
            return null;
        }

        string chromium = Chromium() ?? throw new Xunit.Sdk.XunitException("No Chromium: apt-get install chromium (or set TOKENSCHEMA_SKIP_BROWSER=1 to leave the browser test out).");
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    internal static async Task<IPage> Inspect(IBrowser browser, string url, string token, string? secret, string? platform, IBrowserContext? context = null)
    {
        IPage page = context is null ? await browser.NewPageAsync() : await context.NewPageAsync();
        var requests = new System.Collections.Generic.List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(url);
        await page.FillAsync("#token", token);
        if (secret is not null)
        {
            await page.FillAsync("#secret", secret);
        }

        if (platform is not null)
        {
            await page.WaitForSelectorAsync($"#platform option[value='{platform}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await page.SelectOptionAsync("#platform", platform);
        }

        await page.ClickAsync("#inspect");
        await page.WaitForSelectorAsync("#result:not([hidden])");
        // The page reaches nothing but the tool that served it.
        Assert.All(requests, r => Assert.StartsWith(url, r));
        return page;
    }

    [Fact]
    public async Task A_daily_and_a_livekit_token_show_long_names_findings_and_the_verdict()
    {
        if (await Browser() is not ({ } playwright, { } browser))
        {
            return;
        }

        using (playwright)
        await using (browser)
        {
            using var daily = new DailyTokenIssuer(new DailyCredentials(Secret, Guid.Parse(Domain)));
            string token = daily.Issue(new DailyToken { RoomName = "standup", CloseTabOnExit = true, UserName = "Grace", Permissions = new DailyPermissions { CanSend = DailyCanSend.Of(DailyMedia.Video | DailyMedia.Audio) } });
            IPage page = await Inspect(browser, _url, token, Secret, "daily");
            string claims = await page.InnerTextAsync("#claims");
            Assert.Contains("close_tab_on_exit", claims);
            Assert.Contains("room_name", claims);
            Assert.Contains("v,a (video, audio)", claims);
            Assert.Contains("expires in", claims);
            Assert.Equal("signature: verified (HS256); token accepted", await page.InnerTextAsync("#verdict"));
            if (Environment.GetEnvironmentVariable("TOKENSCHEMA_UPDATE_SCREENSHOT") is { Length: > 0 } screenshot)
            {
                // The README's picture of the page: TOKENSCHEMA_UPDATE_SCREENSHOT=docs/inspector.png (from the repository's root).
                await page.SetViewportSizeAsync(1100, 900);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.GetFullPath(screenshot), FullPage = true });
            }

            using var livekit = new LiveKitTokenIssuer(new LiveKitCredentials("APIkey", Secret));
            string joined = livekit.Issue(new LiveKitToken { Identity = "alice", Video = new LiveKitVideoGrant { RoomJoin = true, Room = "standup" } });
            page = await Inspect(browser, _url, joined, "another key entirely, thirty-two bytes", null);
            claims = await page.InnerTextAsync("#claims");
            Assert.Contains("video.roomJoin", claims);
            Assert.Contains("participant identity", claims);
            Assert.Contains("platform: livekit (guessed from the claims", await page.InnerTextAsync("#platform-line"));
            Assert.Contains("token rejected: BadSignature", await page.InnerTextAsync("#verdict"));

            string unsigned = Forge.Token("""{"r":"standup","close_tab_on_exit":true}""", new byte[32]);
            page = await Inspect(browser, _url, unsigned, null, "daily");
            string findings = await page.InnerTextAsync("#findings");
            Assert.Contains("'close_tab_on_exit' is the long name of 'ctoe'", findings);
            Assert.Contains("no 'exp'", findings);
            Assert.Contains("not verified", await page.InnerTextAsync("#verdict"));
        }

        // Nothing the server printed holds the token or the secret: only its address.
        Assert.DoesNotContain(Secret, _serverOutput.ToString());
        Assert.DoesNotContain("eyJ", _serverOutput.ToString());
    }

    [Fact]
    public async Task A_hostile_token_renders_as_inert_visible_text()
    {
        if (await Browser() is not ({ } playwright, { } browser))
        {
            return;
        }

        using (playwright)
        await using (browser)
        {
            const string markup = "<img src=x onerror=\"document.title='owned'\">";
            string token = Forge.Token(JsonSerializer.Serialize(new { u = markup, r = "a\u202Egnp.exe", x = "<script>document.title='owned'</script>" }), new byte[32]);
            IPage page = await Inspect(browser, _url, token, null, "daily");

            Assert.NotEqual("owned", await page.TitleAsync());
            Assert.Equal(0, await page.Locator("#result img, #result script").CountAsync());
            string claims = await page.InnerTextAsync("#claims");
            Assert.Contains(markup, claims);
            Assert.Contains("a\\u202Egnp.exe", claims);
            string shown = claims + await page.InnerTextAsync("#payload");
            Assert.False(shown.Contains('\u202E'), shown.Replace("\u202E", "[U+202E]"));
        }
    }

    [Fact]
    public async Task The_api_answers_only_its_own_origin_with_json_and_a_bounded_body()
    {
        using var client = new HttpClient();
        using var form = new StringContent("token=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync(_url + "api/inspect", form)).StatusCode);

        // A body over the bound is refused from its length, before it is read: the answer comes while the client still sends.
        var endpoint = new Uri(_url);
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port);
            using var stream = socket.GetStream();
            byte[] request = Encoding.ASCII.GetBytes($"POST /api/inspect HTTP/1.1\r\nHost: {endpoint.Authority}\r\nContent-Type: application/json\r\nContent-Length: {Cli.InspectorServer.MaxBody + 1}\r\n\r\n{{\"token\":\"");
            await stream.WriteAsync(request);
            var answer = new byte[64];
            int read = await stream.ReadAsync(answer);
            Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(answer, 0, read));
        }

        using var notToken = new StringContent("""{"token":"abc.def"}""", Encoding.UTF8, "application/json");
        HttpResponseMessage refused = await client.PostAsync(_url + "api/inspect", notToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Not a compact JWS", await refused.Content.ReadAsStringAsync());

        using var rebound = new HttpRequestMessage(HttpMethod.Get, _url);
        rebound.Headers.Host = "attacker.example";
        Assert.NotEqual(HttpStatusCode.OK, (await client.SendAsync(rebound)).StatusCode);

        // A fresh connection: the listener may close the one the foreign Host was sent on.
        using var fresh = new HttpClient();
        HttpResponseMessage page = await fresh.GetAsync(_url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.NotFound, (await fresh.GetAsync(_url + "etc/passwd")).StatusCode);
    }
}
