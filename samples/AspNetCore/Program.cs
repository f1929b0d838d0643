using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenSchema;
using TokenSchema.Daily;
using TokenSchema.Extensions.DependencyInjection;
using TokenSchema.LiveKit;

// A backend that issues its signed-in users' meeting tokens. The secrets come from user secrets or the environment
// (TokenSchema__Daily__ApiKey, TokenSchema__LiveKit__ApiSecret); a missing or short one stops the start with the platform's words.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddTokenSchema()
    .AddDaily(builder.Configuration.GetSection("TokenSchema:Daily"))
    .AddLiveKit(builder.Configuration.GetSection("TokenSchema:LiveKit"));
builder.Services.AddHealthChecks().AddTokenSchema();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJson.Default));

WebApplication app = builder.Build();

// The sample's sign-in: a bearer key per user, from configuration (Sample:Users:<key> = <name>). A real backend uses its own.
app.Use(async (context, next) =>
{
    string? bearer = context.Request.Headers.Authorization is [{ } header] && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
    string? user = bearer is null ? null : app.Configuration[$"Sample:Users:{bearer}"];
    if (user is not null)
    {
        context.Items["user"] = user;
    }
    else if (context.Request.Path.StartsWithSegments("/admin"))
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return;
    }

    await next(context);
});

app.MapPost("/rooms/{room}/tokens", (string room, HttpContext context, ConfiguredTokenIssuer<DailyToken> daily, ConfiguredTokenIssuer<LiveKitToken> livekit) =>
{
    if (context.Items["user"] is not string user)
    {
        return Results.Json(new Problem("sign in first: Authorization: Bearer <your key>", []), SampleJson.Default.Problem, statusCode: StatusCodes.Status401Unauthorized);
    }

    if (!RoomNames.IsValid(room))
    {
        return Results.Json(new Problem("the room name is not valid", ["room: 1 to 64 letters, digits, '-' or '_'"]), SampleJson.Default.Problem, statusCode: StatusCodes.Status400BadRequest);
    }

    try
    {
        string dailyToken = daily.Issue(new DailyToken { RoomName = room, UserName = user, UserId = user });
        string livekitToken = livekit.Issue(new LiveKitToken { Identity = user, Name = user, Video = new LiveKitVideoGrant { RoomJoin = true, Room = room } });
        return Results.Json(new RoomTokens(user, room, dailyToken, livekitToken), SampleJson.Default.RoomTokens);
    }
    catch (JwtPayloadValidationException invalid)
    {
        var problems = new List<string>();
        foreach (ClaimProblem problem in invalid.Problems)
        {
            problems.Add(problem.ToString());
        }

        return Results.Json(new Problem("the token is not valid", problems.ToArray()), SampleJson.Default.Problem, statusCode: StatusCodes.Status400BadRequest);
    }
});

// Checks a Daily token this backend issued: the current key, or the previous one during a rotation's grace period.
app.MapPost("/tokens/daily/verify", (TokenToVerify request, ConfiguredTokenIssuer<DailyToken> daily) =>
    daily.TryVerifyDetailed(request.Token.AsSpan(), out DailyToken? token, out JwtVerificationFailure failure)
        ? Results.Json(new Verified(token.UserId, token.RoomName), SampleJson.Default.Verified)
        : Results.Json(new Problem("the token is not valid", [failure.ToString()]), SampleJson.Default.Problem, statusCode: StatusCodes.Status401Unauthorized));

// LiveKit's webhooks, verified with the LiveKit issuer's key.
app.MapLiveKitWebhook("/livekit/webhook", (received, context) =>
    context.Response.WriteAsJsonAsync(new WebhookSeen(received.Event, received.Room?.Name, received.Participant?.Identity), SampleJson.Default.WebhookSeen));

// The token inspector page, for the team's operators (signed in like everything under /admin).
app.MapTokenInspector("/admin/tokens");

app.MapHealthChecks("/health");

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("listening on " + string.Join(" ", app.Urls)));
app.Run();

/// <summary>The room names this backend accepts.</summary>
internal static partial class RoomNames
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string room) => Pattern().IsMatch(room);
}

internal sealed record RoomTokens(string User, string Room, string Daily, string LiveKit);

internal sealed record Problem(string Error, string[] Problems);

internal sealed record TokenToVerify(string Token);

internal sealed record Verified(string? User, string? Room);

internal sealed record WebhookSeen(string Event, string? Room, string? Participant);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RoomTokens))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(TokenToVerify))]
[JsonSerializable(typeof(Verified))]
[JsonSerializable(typeof(WebhookSeen))]
internal sealed partial class SampleJson : JsonSerializerContext;
