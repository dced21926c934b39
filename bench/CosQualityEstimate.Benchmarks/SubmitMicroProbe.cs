using System.Diagnostics;
using System.Security.Cryptography;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--submit-micro</c>: single-thread costs of small parts of the submit path, each timed in isolation (200,000 calls
/// per sample, 15 samples alternated, minimum and median per call). Minima of alternated samples are what a shared
/// machine lets through; the parts compared here run on one thread and touch no network.
/// </summary>
internal static class SubmitMicroProbe
{
    internal static int Run()
    {
        var key = "0123456789abcdef0123456789abcdef01234567"u8.ToArray();
        var message = new byte[68];
        new Random(1).NextBytes(message);
        var expected = HMACSHA1.HashData(key, message);
        if (!expected.AsSpan().SequenceEqual(ManualHmac(key, message)))
        {
            throw new InvalidOperationException("manual HMAC differs");
        }

        var parts = new (string Name, Action Call)[]
        {
            ("HMACSHA1.HashData (68 B)", () => HMACSHA1.HashData(key, message, stackalloc byte[20])),
            ("HMAC from two SHA1.HashData (68 B)", () => ManualHmac(key, message)),
            ("SHA1.HashData (68 B)", () => SHA1.HashData(message, stackalloc byte[20])),
            ("ServiceTime.Parse (+0800)", () => ServiceTime.Parse("2026-12-07T18:00:00+0800")),
            ("ServiceTime.Parse (-)", () => ServiceTime.Parse("-")),
        };

        const int calls = 200_000;
        var samples = parts.Select(_ => new List<double>()).ToArray();
        foreach (var part in parts)
        {
            for (var i = 0; i < calls; i++)
            {
                part.Call();
            }
        }

        for (var sample = 0; sample < 15; sample++)
        {
            for (var p = 0; p < parts.Length; p++)
            {
                var call = parts[p].Call;
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < calls; i++)
                {
                    call();
                }

                samples[p].Add(Stopwatch.GetElapsedTime(started).TotalNanoseconds / calls);
            }
        }

        for (var p = 0; p < parts.Length; p++)
        {
            var sorted = samples[p].Order().ToArray();
            Console.WriteLine(FormattableString.Invariant($"{parts[p].Name,-40} min {sorted[0],8:F0} ns  median {sorted[sorted.Length / 2],8:F0} ns"));
        }

        return 0;
    }

    private static byte[] ManualHmac(byte[] key, byte[] message)
    {
        Span<byte> block = stackalloc byte[64 + 68];
        block.Clear();
        key.CopyTo(block);
        for (var i = 0; i < 64; i++)
        {
            block[i] ^= 0x36;
        }

        message.CopyTo(block[64..]);
        Span<byte> outer = stackalloc byte[64 + 20];
        outer.Clear();
        key.CopyTo(outer);
        for (var i = 0; i < 64; i++)
        {
            outer[i] ^= 0x5c;
        }

        SHA1.HashData(block, outer[64..]);
        return SHA1.HashData(outer);
    }
}
