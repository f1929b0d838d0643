using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using TokenSchema;
using TokenSchema.LiveKit;

// Signs 100,000 LiveKit join tokens with the streaming bulk API, on all cores, memory flat whatever the count:
//   1. SignAllAsync to a file, one token per line, with progress;
//   2. SignEachAsync, each token next to its own input row in a CSV (e-mail, join link), invalid rows reported;
//   3. for comparison, TrySign one by one on one thread into one reusable buffer.
// The key is a DEMO key; set LIVEKIT_API_KEY and LIVEKIT_API_SECRET for your own.
const int Count = 100_000;
string apiKey = Environment.GetEnvironmentVariable("LIVEKIT_API_KEY") ?? "DEMO_API_KEY";
string? apiSecret = Environment.GetEnvironmentVariable("LIVEKIT_API_SECRET");
Console.WriteLine(apiSecret is null ? "Using the DEMO key (set LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use your own)." : "Using the key from LIVEKIT_API_SECRET.");
apiSecret ??= "DEMO-ONLY-livekit-api-secret-0123456789abcdef";

DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

// The input rows: read one at a time (here made up; in real use, from a database or a CSV). Row 4,242 has no
// identity, which LiveKit refuses for a join token.
static (string Email, string Identity) Invitee(long i) => ($"user{i}@example.com", i == 4_242 ? "" : "user-" + i);

IEnumerable<LiveKitToken> Payloads()
{
    for (long i = 0; i < Count; i++)
    {
        (_, string identity) = Invitee(i);
        yield return new LiveKitToken
        {
            ApiKey = apiKey,
            Identity = identity.Length == 0 ? null : identity,
            NotBefore = now,
            Expires = now.AddHours(6),
            Video = new LiveKitVideoGrant { Room = "room-" + (i % 100), RoomJoin = true },
        };
    }
}

using var signer = JwtSigner.FromSecret(apiSecret);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
string folder = Directory.CreateTempSubdirectory("tokenschema-bulk-").FullName;

// 1. Tokens to a file, one per line. Progress comes at most every 50 ms, and once at the end.
string tokensPath = Path.Combine(folder, "tokens.txt");
var progress = new ConsoleProgress();
var clock = Stopwatch.StartNew();
BulkSignResult toFile;
await using (FileStream file = File.Create(tokensPath))
{
    toFile = await signer.SignAllAsync(Payloads(), file, new BulkSignOptions
    {
        Progress = progress,
        ProgressInterval = TimeSpan.FromMilliseconds(50),
    }, cancellation.Token);
}

clock.Stop();
Console.WriteLine($"SignAllAsync to a file on {Environment.ProcessorCount} cores: {toFile} in {clock.Elapsed.TotalMilliseconds:N0} ms ({toFile.Signed / clock.Elapsed.TotalSeconds:N0} tokens/s), {progress.Reports} progress reports");
foreach (BulkSignError error in toFile.Errors)
{
    Console.WriteLine($"  refused: {error}");
}

// 2. Each token next to its own row: the item carries the input index, and the token's bytes or the problems.
string csvPath = Path.Combine(folder, "invitations.csv");
long rows = 0;
long refused = 0;
clock.Restart();
await using (var csv = new StreamWriter(csvPath, append: false, new UTF8Encoding(false)))
{
    await csv.WriteLineAsync("email,join_link,problem");
    await foreach (BulkSignItem item in signer.SignEachAsync(Payloads(), cancellationToken: cancellation.Token))
    {
        (string email, _) = Invitee(item.Index);
        if (item.IsSigned)
        {
            // item.Token is valid until the next item: written out right away.
            await csv.WriteLineAsync($"{email},https://meet.example.com/join?token={item.GetTokenString()},");
        }
        else
        {
            refused++;
            await csv.WriteLineAsync($"{email},,\"{string.Join("; ", item.Problems)}\"");
        }

        rows++;
    }
}

clock.Stop();
Console.WriteLine($"SignEachAsync to CSV rows:  {rows:N0} rows ({refused} refused) in {clock.Elapsed.TotalMilliseconds:N0} ms ({rows / clock.Elapsed.TotalSeconds:N0} rows/s)");

// 3. One thread, one buffer, for comparison.
byte[] buffer = new byte[1024];
long totalBytes = 0;
int signed = 0;
clock.Restart();
foreach (LiveKitToken payload in Payloads())
{
    if (payload.Identity is null)
    {
        continue;
    }

    if (!signer.TrySign(payload, buffer, out int written))
    {
        Console.Error.WriteLine("The buffer is too small.");
        return 1;
    }

    totalBytes += written + 1;
    signed++;
}

clock.Stop();
Console.WriteLine($"TrySign on one thread:      {signed:N0} tokens in {clock.Elapsed.TotalMilliseconds:N0} ms ({signed / clock.Elapsed.TotalSeconds:N0} tokens/s), {totalBytes:N0} bytes with newlines");

// Every line of the file is a whole token that verifies, in input order.
using var verifier = JwtVerifier.FromSecret(apiSecret);
long lines = 0;
bool allVerify = true;
foreach (string line in File.ReadLines(tokensPath))
{
    long index = lines < 4_242 ? lines : lines + 1;
    allVerify &= verifier.TryVerify(line.AsSpan(), out LiveKitToken? read, out _) && read.Identity == Invitee(index).Identity;
    lines++;
}

Console.WriteLine($"Tokens in the file: {lines:N0}, all verify in input order: {allVerify}");
string firstRow = File.ReadLines(csvPath).Skip(1).First();
Console.WriteLine($"First CSV row: {firstRow[..Math.Min(firstRow.Length, 100)]}...");
Directory.Delete(folder, recursive: true);
bool ok = allVerify && lines == Count - 1 && toFile.Signed == Count - 1 && toFile.Refused == 1 && rows == Count && refused == 1
    && toFile.BytesWritten == totalBytes && signed == Count - 1;
return ok ? 0 : 1;

/// <summary>Prints the counts; reported from the run's writing thread between chunks, so it must be quick.</summary>
internal sealed class ConsoleProgress : IProgress<BulkSignProgress>
{
    public int Reports { get; private set; }

    public void Report(BulkSignProgress value)
    {
        Reports++;
        Console.WriteLine($"  progress: {value.Signed:N0} signed, {value.Refused:N0} refused, {value.BytesWritten:N0} bytes");
    }
}
