using System;
using System.IO;
using SharpFuzz;

namespace TokenSchema.Fuzz;

/// <summary>
/// Runs one fuzz target under AFL++ (<c>fuzz.sh</c> starts it): <c>verify</c> for <see cref="JwtVerifier.TryVerify{T}(ReadOnlySpan{byte}, out T, out JwtError)"/>,
/// <c>read</c> for the generated <c>DailyToken.TryReadPayload</c>. With <c>--replay DIR</c>, runs every file of a folder once
/// without the fuzzer and reports the first that fails.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("verify" or "read"))
        {
            Console.Error.WriteLine("usage: TokenSchema.Fuzz verify|read [--replay DIR]");
            return 2;
        }

        Action<ReadOnlySpan<byte>> target = args[0] == "verify" ? FuzzTargets.VerifyToken : FuzzTargets.ReadPayload;
        if (args.Length == 3 && args[1] == "--replay")
        {
            foreach (string file in Directory.EnumerateFiles(args[2], "*", SearchOption.AllDirectories))
            {
                target(File.ReadAllBytes(file));
            }

            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        });
        return 0;
    }
}
