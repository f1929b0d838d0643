using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using TokenSchema;
using TokenSchema.Daily;

// Self-signed Daily meeting tokens with DailyTokenIssuer, and the same claims as the body of Daily's REST create-meeting-token call (printed, never sent).
// Set DAILY_API_KEY and DAILY_DOMAIN_ID to sign for your own Daily domain; otherwise a demo key and domain id are used,
// which produce well-formed tokens that no Daily domain accepts.
const string DemoApiKey = "DEMO-API-KEY-not-a-real-daily-key-0123456789";
const string DemoDomainId = "00000000-0000-4000-8000-00000000da11";

string? apiKey = Environment.GetEnvironmentVariable("DAILY_API_KEY");
string? domainId = Environment.GetEnvironmentVariable("DAILY_DOMAIN_ID");
bool demo = string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(domainId);
if (demo)
{
    apiKey = DemoApiKey;
    domainId = DemoDomainId;
    Console.WriteLine("Using the DEMO API key and DEMO domain id (set DAILY_API_KEY and DAILY_DOMAIN_ID for real tokens).");
}
else
{
    Console.WriteLine("Using DAILY_API_KEY and DAILY_DOMAIN_ID from the environment.");
}

DailyTokenIssuer daily;
try
{
    daily = new DailyTokenIssuer(new DailyCredentials(apiKey!, DailyCredentials.ParseDomainId(domainId!)), new DailyTokenIssuerOptions { Lifetime = TimeSpan.FromHours(2) });
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("Cannot issue Daily tokens: " + e.Message);
    return 2;
}

using var issuer = daily;

// The owner: three lines, the issuer fills d, iat and exp.
var ownerClaims = new DailyToken { RoomName = "standup", IsOwner = true, UserName = "Host" };
string owner = daily.Issue(ownerClaims);
Show("Owner token", owner);

// The same claims as the body of Daily's REST call, for when Daily should sign the token instead (not sent here).
// d and iat are left to Daily; enable_prejoin_ui exists only in the REST call, never in a self-signed token.
Console.WriteLine();
Console.WriteLine("Or let Daily sign it: POST https://api.daily.co/v1/meeting-tokens (Authorization: Bearer <API key>) with the body");
Console.WriteLine(daily.CreateRestRequestBody(ownerClaims, new DailyRestOptions { EnablePrejoinUi = true }));

// A guest who may send audio only, receives only the host's video and audio, and is ejected after 30 minutes.
var guestClaims = new DailyToken
{
    RoomName = "standup",
    UserId = "guest-42",
    UserName = "Guest",
    StartVideoOff = true,
    EjectAfterElapsed = 30 * 60,
    Language = DailyLanguage.BrazilianPortuguese,
    Permissions = new DailyPermissions
    {
        HasPresence = true,
        CanSend = DailyCanSend.Of(DailyMedia.Audio),
        CanAdmin = DailyCanAdmin.None,
        CanReceive = new DailyCanReceive
        {
            Base = false,
            ByUserId = new Dictionary<string, DailyReceiveSetting>
            {
                ["host"] = new DailyReceiveMedia { Video = true, Audio = true },
            },
        },
    },
};
string guest = daily.Issue(guestClaims);
Show("Guest token", guest);
Console.WriteLine("Its REST body: " + daily.CreateRestRequestBody(guestClaims));

using var verifier = JwtVerifier.FromSecret(apiKey!);
bool verified = verifier.TryVerify(guest.AsSpan(), out DailyToken? read, out JwtError error);
Console.WriteLine($"Guest token verifies under the API key: {verified} ({error}); room '{read?.RoomName}', may send: {read?.Permissions?.CanSend}");
return verified ? 0 : 1;

static void Show(string title, string token)
{
    Console.WriteLine();
    Console.WriteLine($"{title} ({token.Length} characters{(DailyTokenIssuer.ExceedsRecommendedLength(token) ? ", MORE than Daily's recommended 2048" : "")}):");
    Console.WriteLine(token);
    Console.WriteLine("Payload: " + Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1])));
}
