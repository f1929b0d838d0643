using Microsoft.CodeAnalysis;
using Xunit;

namespace TokenSchema.Generator.Tests;

public sealed class GeneratorSmokeTests
{
    [Fact]
    public void Generator_type_is_an_incremental_generator()
    {
        Assert.True(typeof(IIncrementalGenerator).IsAssignableFrom(typeof(TokenPayloadGenerator)));
    }
}
