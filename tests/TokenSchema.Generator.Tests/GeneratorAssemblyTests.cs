using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TokenSchema.Generator.Tests;

/// <summary>The generator and code fix assemblies load in the compilers and IDEs that ship with the .NET 8 SDK.</summary>
public sealed class GeneratorAssemblyTests
{
    private static readonly Assembly GeneratorAssembly = typeof(TokenPayloadGenerator).Assembly;
    private static readonly Assembly CodeFixesAssembly = typeof(TokenSchema.CodeFixes.ClaimNameCodeFixProvider).Assembly;

    [Fact]
    public void Generator_type_is_an_incremental_generator_for_CSharp()
    {
        Assert.True(typeof(IIncrementalGenerator).IsAssignableFrom(typeof(TokenPayloadGenerator)));
        GeneratorAttribute attribute = typeof(TokenPayloadGenerator).GetCustomAttribute<GeneratorAttribute>()!;
        Assert.Equal(new[] { LanguageNames.CSharp }, attribute.Languages);
    }

    [Fact]
    public void Generator_targets_netstandard2_0()
    {
        TargetFrameworkAttribute framework = GeneratorAssembly.GetCustomAttribute<TargetFrameworkAttribute>()!;

        Assert.Equal(".NETStandard,Version=v2.0", framework.FrameworkName);
    }

    [Theory]
    [InlineData("Microsoft.CodeAnalysis")]
    [InlineData("Microsoft.CodeAnalysis.CSharp")]
    public void Generator_references_Roslyn_4_8(string assemblyName)
    {
        AssemblyName reference = GeneratorAssembly.GetReferencedAssemblies().Single(a => a.Name == assemblyName);

        Assert.Equal(new Version(4, 8, 0, 0), reference.Version);
    }

    [Fact]
    public void Code_fixes_target_netstandard2_0()
    {
        TargetFrameworkAttribute framework = CodeFixesAssembly.GetCustomAttribute<TargetFrameworkAttribute>()!;

        Assert.Equal(".NETStandard,Version=v2.0", framework.FrameworkName);
    }

    [Fact]
    public void Code_fixes_reference_no_Roslyn_newer_than_4_8()
    {
        AssemblyName[] roslyn = CodeFixesAssembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToArray();

        Assert.Contains(roslyn, a => a.Name == "Microsoft.CodeAnalysis.Workspaces");
        Assert.All(roslyn, a => Assert.Equal(new Version(4, 8, 0, 0), a.Version));
    }
}
