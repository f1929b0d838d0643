using System.Linq;
using TokenSchema.Daily;
using TokenSchema.Zoom;
using Xunit;

namespace TokenSchema.Tests;

/// <summary>Generated payloads describe their claims from the same vocabulary and rules that validate them.</summary>
public sealed class ClaimDescriptorTests
{
    [Fact]
    public void Daily_claims_carry_their_long_names_descriptions_and_limits()
    {
        var claims = DailyToken.ClaimDescriptors.ToDictionary(c => c.Name);

        Assert.Equal(("close_tab_on_exit", ClaimValueType.Boolean, false), (claims["ctoe"].LongName, claims["ctoe"].Type, claims["ctoe"].IsRequired));
        Assert.Equal((36, ClaimValueType.String), (claims["ud"].MaxLength, claims["ud"].Type));
        Assert.True(claims["r"].IsRequired);
        Assert.Equal("room name", claims["r"].Description);
        Assert.Equal((ClaimValueType.Uuid, true), (claims["d"].Type, claims["d"].IsRequired));
        Assert.Equal((ClaimValueType.NumericDate, ClaimValueType.Uri, 255), (claims["exp"].Type, claims["mjh"].Type, claims["mjh"].MaxLength));
        Assert.Equal(0d, claims["eje"].Minimum);
        Assert.Contains("pt-BR", claims["uil"].AllowedValues);
        Assert.Equal(ClaimValueType.Custom, claims["er"].Type);
        Assert.Equal(DailyToken.ClaimDescriptors.Select(c => c.Name), new[] { "r", "d", "iat", "nbf", "exp", "ud", "u", "o", "k", "ctoe", "rome", "ij", "sr", "sro", "ast", "er", "ss", "vo", "ao", "mjh", "ejt", "eje", "uil", "erui", "p" });

        ClaimDescriptor permissions = claims["p"];
        Assert.Equal(ClaimValueType.Object, permissions.Type);
        Assert.Equal(new[] { "hp", "cs", "cr", "ca" }, permissions.Members!.Select(m => m.Name));
        Assert.Equal("canSend", permissions.Members!.Single(m => m.Name == "cs").LongName);
    }

    [Fact]
    public void Ranges_allowed_values_and_items_come_through()
    {
        var zoom = ZoomVideoSdkToken.ClaimDescriptors.ToDictionary(c => c.Name);
        Assert.Equal((0d, 1d), (zoom["cloud_recording_option"].Minimum, zoom["cloud_recording_option"].Maximum));
        Assert.Equal((200, true), (zoom["tpc"].MaxLength, zoom["tpc"].IsRequired));

        var every = EveryType.ClaimDescriptors.ToDictionary(c => c.Name);
        Assert.Equal((ClaimValueType.Array, ClaimValueType.String), (every["tags"].Type, every["tags"].Items));
        Assert.Equal((ClaimValueType.Map, ClaimValueType.Object), (every["byKey"].Type, every["byKey"].Items));
        Assert.Equal(new[] { "v", "s" }, every["byKey"].Members!.Select(m => m.Name));
        Assert.Equal(new[] { "light", "dark" }, every["shade"].AllowedValues);
        Assert.Equal((0d, 5d), (every["part"].Members![0].Minimum, every["part"].Members![0].Maximum));
        Assert.Equal(8, every["short"].MaxLength);
        Assert.True(every["str"].IsRequired);
        Assert.Null(every["str"].LongName);
    }
}
