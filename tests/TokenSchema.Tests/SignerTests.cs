using System;
using System.Text;
using Xunit;

namespace TokenSchema.Tests;

public sealed class SignerTests
{
    internal static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");

    [Fact]
    public void Sign_reproduces_the_first_two_segments_of_Daily_example_token()
    {
        using var signer = new JwtSigner(Key);
        string token = signer.Sign(new HandWrittenPayload { Room = "room-0253", DomainId = "25df5057-ef0d-4d97-bde6-0cf287276cbb", IssuedAt = 1548722207 });
        Assert.StartsWith(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyIjoicm9vbS0wMjUzIiwiZCI6IjI1ZGY1MDU3LWVmMGQtNGQ5Ny1iZGU2LTBjZjI4NzI3NmNiYiIsImlhdCI6MTU0ODcyMjIwN30.",
            token);
    }
}
