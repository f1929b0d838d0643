using System;
using TokenSchema;
using TokenSchema.DigitalSamba;

// Issues a Digital Samba moderator token and prints the room URL that carries it.
// Set DIGITALSAMBA_TEAM_ID, DIGITALSAMBA_DEVELOPER_KEY and DIGITALSAMBA_ROOM_URL to use your own team;
// otherwise a clearly fake demo team, key and room are used and the token will not open a real room.
const string DemoTeamId = "00000000-0000-4000-8000-000000000000";
const string DemoDeveloperKey = "DEMO-ONLY-developer-key-not-a-real-secret";
const string DemoRoomUrl = "https://demo-team.digitalsamba.com/weekly-standup";

string? teamId = Environment.GetEnvironmentVariable("DIGITALSAMBA_TEAM_ID");
string? developerKey = Environment.GetEnvironmentVariable("DIGITALSAMBA_DEVELOPER_KEY");
string? roomUrlText = Environment.GetEnvironmentVariable("DIGITALSAMBA_ROOM_URL");
bool demo = string.IsNullOrEmpty(teamId) || string.IsNullOrEmpty(developerKey) || string.IsNullOrEmpty(roomUrlText);
if (demo)
{
    Console.WriteLine("Using the DEMO team, developer key and room (set DIGITALSAMBA_TEAM_ID, DIGITALSAMBA_DEVELOPER_KEY and DIGITALSAMBA_ROOM_URL for real ones).");
    teamId = DemoTeamId;
    developerKey = DemoDeveloperKey;
    roomUrlText = DemoRoomUrl;
}

var roomUrl = new Uri(roomUrlText!);
string room = roomUrl.AbsolutePath.Trim('/');

// A real developer key is used as the dashboard issued it, even if it is shorter than 32 bytes.
using var issuer = new DigitalSambaTokenIssuer(new DigitalSambaCredentials(teamId!, developerKey!), new DigitalSambaTokenIssuerOptions { AllowShortKey = !demo });
string token = issuer.Issue(new DigitalSambaToken
{
    RoomId = room,
    Role = "moderator",
    UserName = "Ada Lovelace",
    Initials = "AL",
    ExternalUserId = "user-1815",
});

Console.WriteLine($"Room:          {room}");
Console.WriteLine($"Valid for:     {issuer.Lifetime}");
Console.WriteLine($"Token:         {token}");
Console.WriteLine($"Join URL:      {DigitalSambaTokenIssuer.AppendToken(roomUrl, token)}");

using var verifier = JwtVerifier.FromSecret(developerKey!, new JwtVerifierOptions { AllowShortKey = !demo });
if (!verifier.TryVerify(token.AsSpan(), out DigitalSambaToken? payload, out JwtError error))
{
    Console.Error.WriteLine($"The token did not verify: {error}");
    return 1;
}

Console.WriteLine($"Verified:      role {payload.Role} in room {payload.RoomId} of team {payload.TeamId}, expires {payload.Expires:u}");
return 0;
