using System;

namespace TokenSchema.Generator.Tests;

/// <summary>The sample sources compiled, generated and loaded once for all the run-time tests.</summary>
public sealed class CompiledSamples : IDisposable
{
    public CompiledSamples()
    {
        Loaded = TestHelpers.CompileAndLoad(Sources.All);
    }

    internal LoadedAssembly Loaded { get; }

    public void Dispose() => Loaded.Dispose();
}
