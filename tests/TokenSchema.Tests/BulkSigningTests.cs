using System;
using System.Linq;
using System.Threading;
using Xunit;

namespace TokenSchema.Tests;

public sealed class BulkSigningTests
{
    private static TestPayload[] Payloads(int count) =>
        Enumerable.Range(0, count).Select(i => new TestPayload { Room = "room-" + i, IssuedAt = 1_700_000_000 + i, IsOwner = i % 2 == 0 }).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(2000)]
    public void SignAll_returns_the_tokens_Sign_gives_in_input_order(int count)
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(count);
        string[] tokens = signer.SignAll(payloads);
        Assert.Equal(payloads.Select(signer.Sign).ToArray(), tokens);
    }

    [Fact]
    public void SignAll_reports_the_first_invalid_payload_by_index()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        TestPayload[] payloads = Payloads(1500);
        payloads[1234] = new TestPayload { IssuedAt = 5 };
        payloads[700] = new TestPayload { IssuedAt = 5, Expires = 1 };
        var error = Assert.Throws<JwtPayloadValidationException>(() => signer.SignAll(payloads, maxDegreeOfParallelism: 2));
        Assert.Equal(700, error.Index);
        Assert.StartsWith("Payload 700: the TestPayload payload is not valid (2 problems): 'r' is required; 'exp' is not after 'iat'.", error.Message);
    }

    [Fact]
    public void SignAll_stops_when_cancelled()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => signer.SignAll(Payloads(10), cancellationToken: cancellation.Token));
    }

    [Fact]
    public void SignAll_checks_its_arguments()
    {
        using var signer = new JwtSigner(SignerTests.Key);
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.SignAll(Payloads(1), maxDegreeOfParallelism: 0));
        Assert.Throws<ArgumentNullException>(() => signer.SignAll<TestPayload>(null!));
        var error = Assert.Throws<ArgumentException>(() => signer.SignAll(new TestPayload[] { new() { Room = "a" }, null! }));
        Assert.Contains("index 1", error.Message);
        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => signer.SignAll(Payloads(1)));
    }
}
