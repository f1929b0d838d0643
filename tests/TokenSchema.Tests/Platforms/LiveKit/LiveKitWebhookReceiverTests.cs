using System;
using System.Linq;
using System.Text;
using TokenSchema.LiveKit;
using Xunit;

namespace TokenSchema.Tests.Platforms.LiveKit;

/// <summary>LiveKit webhooks: the header's token, then the body's hash in constant time, then the typed event.</summary>
public sealed class LiveKitWebhookReceiverTests
{
    private const string ApiKey = "APIwebhooks";
    private const string Secret = "a livekit webhook secret of 32+ bytes";
    private static readonly ManualTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_733_808_200));

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"event":"participant_left","room":{"sid":"RM_1","name":"standup","creationTime":"1733808000","numParticipants":1},"participant":{"sid":"PA_1","identity":"alice","state":"DISCONNECTED","joinedAt":"1733808120","attributes":{"team":"blue"},"disconnectReason":"CLIENT_INITIATED","tracks":[{"sid":"TR_1","type":"AUDIO","source":"MICROPHONE","muted":true}],"permission":{"canPublish":true},"newerField":7},"id":"EV_9","createdAt":"1733808124","newTopLevel":{"a":[1]}}""");

    private static string Authorization(byte[] body, string key = ApiKey, string secret = Secret, TimeSpan? lifetime = null)
    {
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(key, secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock, Lifetime = lifetime ?? TimeSpan.FromMinutes(5) });
        return issuer.Issue(new LiveKitToken { Sha256 = LiveKitWebhookReceiver.BodyHash(body) });
    }

    private static LiveKitWebhookReceiver Receiver() => new(ApiKey, Secret, new LiveKitWebhookReceiverOptions { TimeProvider = Clock });

    [Fact]
    public void A_webhook_signed_for_its_body_reads_into_the_typed_event_keeping_unknown_fields()
    {
        using LiveKitWebhookReceiver receiver = Receiver();

        Assert.True(receiver.TryReceive(Body, Authorization(Body), out LiveKitWebhookEvent? received, out LiveKitWebhookFailure failure), failure.ToString());
        Assert.Equal(LiveKitWebhookEvents.ParticipantLeft, received.Event);
        Assert.Equal(("EV_9", 1_733_808_124L), (received.Id, received.CreatedAt));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_733_808_124), received.CreatedAtTime);
        Assert.Equal(("RM_1", "standup", 1_733_808_000L, 1L), (received.Room!.Sid, received.Room.Name, received.Room.CreationTime, received.Room.NumParticipants));
        LiveKitParticipant participant = received.Participant!;
        Assert.Equal(("alice", "DISCONNECTED", 1_733_808_120L, "CLIENT_INITIATED"), (participant.Identity, participant.State, participant.JoinedAt, participant.DisconnectReason));
        Assert.Equal("blue", participant.Attributes!["team"]);
        Assert.Equal(("TR_1", "AUDIO", "MICROPHONE", true), (participant.Tracks![0].Sid, participant.Tracks[0].Type, participant.Tracks[0].Source, participant.Tracks[0].Muted));
        Assert.True(participant.Permission!.Value.GetProperty("canPublish").GetBoolean());
        Assert.Equal(7, participant.AdditionalFields!["newerField"].GetInt32());
        Assert.Equal(1, received.AdditionalFields!["newTopLevel"].GetProperty("a")[0].GetInt32());
        Assert.Contains("\"newTopLevel\":{\"a\":[1]}", received.ToJson());
    }

    [Fact]
    public void Every_byte_of_the_body_is_covered_by_the_hash()
    {
        using LiveKitWebhookReceiver receiver = Receiver();
        string authorization = Authorization(Body);
        for (int i = 0; i < Body.Length; i++)
        {
            byte[] changed = (byte[])Body.Clone();
            changed[i] ^= 0x01;
            Assert.False(receiver.TryReceive(changed, authorization, out _, out LiveKitWebhookFailure failure));
            Assert.Equal(LiveKitWebhookError.BodyHashMismatch, failure.Error);
        }

        Assert.False(receiver.TryReceive(Body.Concat(new byte[] { (byte)' ' }).ToArray(), authorization, out _, out LiveKitWebhookFailure appended));
        Assert.Equal(LiveKitWebhookError.BodyHashMismatch, appended.Error);
    }

    [Fact]
    public void Another_key_another_secret_an_expired_token_a_missing_header_or_hash_are_refused_by_name()
    {
        using LiveKitWebhookReceiver receiver = Receiver();
        LiveKitWebhookFailure Refusal(string? authorization, byte[]? body = null)
        {
            Assert.False(receiver.TryReceive(body ?? Body, authorization, out LiveKitWebhookEvent? received, out LiveKitWebhookFailure failure));
            Assert.Null(received);
            return failure;
        }

        Assert.Equal(JwtError.InvalidIssuer, Refusal(Authorization(Body, key: "APIother")).Token.Error);
        Assert.Equal(JwtError.BadSignature, Refusal(Authorization(Body, secret: Secret + "!")).Token.Error);
        string expired = Authorization(Body, lifetime: TimeSpan.FromMinutes(1));
        using (var later = new LiveKitWebhookReceiver(ApiKey, Secret, new LiveKitWebhookReceiverOptions { TimeProvider = new ManualTimeProvider(Clock.Now.AddMinutes(5)) }))
        {
            Assert.False(later.TryReceive(Body, expired, out _, out LiveKitWebhookFailure late));
            Assert.Equal(JwtError.Expired, late.Token.Error);
        }

        Assert.Equal(LiveKitWebhookError.MissingAuthorization, Refusal(null).Error);
        Assert.Equal(LiveKitWebhookError.MissingAuthorization, Refusal("").Error);
        Assert.Equal(LiveKitWebhookError.InvalidToken, Refusal("Bearer " + Authorization(Body)).Error);
        using var issuer = new LiveKitTokenIssuer(new LiveKitCredentials(ApiKey, Secret), new LiveKitTokenIssuerOptions { TimeProvider = Clock });
        Assert.Equal(LiveKitWebhookError.BodyHashMismatch, Refusal(issuer.Issue(new LiveKitToken { Identity = "alice" })).Error);
        Assert.Equal(LiveKitWebhookError.BodyHashMismatch, Refusal(issuer.Issue(new LiveKitToken { Sha256 = "not a hash" })).Error);
    }

    [Fact]
    public void A_body_too_large_or_not_an_event_is_refused_without_its_text()
    {
        using var small = new LiveKitWebhookReceiver(ApiKey, Secret, new LiveKitWebhookReceiverOptions { TimeProvider = Clock, MaxBodyLength = 64 });
        Assert.False(small.TryReceive(Body, Authorization(Body), out _, out LiveKitWebhookFailure tooLarge));
        Assert.Equal(LiveKitWebhookError.BodyTooLarge, tooLarge.Error);

        using LiveKitWebhookReceiver receiver = Receiver();
        byte[] notEvent = Encoding.UTF8.GetBytes("""{"event":"room_started","room":{"name":["secret-room-name"]}}""");
        Assert.False(receiver.TryReceive(notEvent, Authorization(notEvent), out _, out LiveKitWebhookFailure malformed));
        Assert.Equal(LiveKitWebhookError.MalformedBody, malformed.Error);
        Assert.Contains("$.room.name", malformed.ToString());
        Assert.DoesNotContain("secret-room-name", malformed.ToString());

        var thrown = Assert.Throws<LiveKitWebhookException>(() => receiver.Receive(notEvent, null));
        Assert.Equal(LiveKitWebhookError.MissingAuthorization, thrown.Failure.Error);
    }

    [Fact]
    public void The_body_hash_is_padded_base64_of_sha256_as_livekit_writes_it()
    {
        // printf '{}' | openssl dgst -sha256 -binary | base64
        Assert.Equal("RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=", LiveKitWebhookReceiver.BodyHash("{}"u8));
    }
}
