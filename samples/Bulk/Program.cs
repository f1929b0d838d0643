using System;
using System.Diagnostics;
using System.Threading;
using TokenSchema;
using TokenSchema.LiveKit;

// Signs 100,000 LiveKit join tokens twice: on all cores with JwtSigner.SignAll, and one by one with TrySign into a
// single reusable buffer (no allocation per token). The key is a DEMO key; set LIVEKIT_API_KEY and LIVEKIT_API_SECRET for your own.
const int Count = 100_000;
string apiKey = Environment.GetEnvironmentVariable("LIVEKIT_API_KEY") ?? "DEMO_API_KEY";
string? apiSecret = Environment.GetEnvironmentVariable("LIVEKIT_API_SECRET");
Console.WriteLine(apiSecret is null ? "Using the DEMO key (set LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use your own)." : "Using the key from LIVEKIT_API_SECRET.");
apiSecret ??= "DEMO-ONLY-livekit-api-secret-0123456789abcdef";

DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
var payloads = new LiveKitToken[Count];
for (int i = 0; i < Count; i++)
{
    payloads[i] = new LiveKitToken
    {
        ApiKey = apiKey,
        Identity = "user-" + i,
        NotBefore = now,
        Expires = now.AddHours(6),
        Video = new LiveKitVideoGrant { Room = "room-" + (i % 100), RoomJoin = true },
    };
}

using var signer = JwtSigner.FromSecret(apiSecret);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));

var clock = Stopwatch.StartNew();
string[] tokens = signer.SignAll(payloads, cancellationToken: cancellation.Token);
clock.Stop();
Console.WriteLine($"SignAll on {Environment.ProcessorCount} cores: {tokens.Length:N0} tokens in {clock.Elapsed.TotalMilliseconds:N0} ms ({tokens.Length / clock.Elapsed.TotalSeconds:N0} tokens/s)");

byte[] buffer = new byte[1024];
long totalBytes = 0;
int signed = 0;
clock.Restart();
foreach (LiveKitToken payload in payloads)
{
    if (!signer.TrySign(payload, buffer, out int written))
    {
        Console.Error.WriteLine("The buffer is too small.");
        return 1;
    }

    totalBytes += written;
    signed++;
}

clock.Stop();
Console.WriteLine($"TrySign into one buffer:  {signed:N0} tokens in {clock.Elapsed.TotalMilliseconds:N0} ms ({signed / clock.Elapsed.TotalSeconds:N0} tokens/s), {totalBytes:N0} bytes");

using var verifier = JwtVerifier.FromSecret(apiSecret);
bool lastOk = verifier.TryVerify(tokens[^1].AsSpan(), out LiveKitToken? last, out JwtError error);
Console.WriteLine($"Last token verifies: {lastOk} ({(lastOk ? last!.Identity : error.ToString())})");
Console.WriteLine($"First token: {tokens[0]}");
return lastOk && signed == Count && tokens.Length == Count ? 0 : 1;
