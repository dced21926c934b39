using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--submit-micro</c>: single-thread costs of small parts of the submit path, each timed in isolation (200,000 calls
/// per sample, 15 samples alternated, minimum and median per call). Minima of alternated samples are what a shared
/// machine lets through; the parts compared here run on one thread and touch no network. Besides the signing and
/// time-parsing parts, it times what the submit does around the pipeline's send: the request's validation, its wire
/// object and bytes, the answer's plain check, the answer's read (the plain path, and the hardened reader alone) and
/// the mapping to the public <see cref="JobDetail"/>, over the emulator's submit answer for the benchmark's request.
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

        var request = new QualityEstimateJobRequest("input/demo.mp4") { Mode = QualityEstimateMode.VqaPlus, UserData = "bench" };
        var answer = Encoding.UTF8.GetBytes(SubmitAnswer);
        if (!PlainXmlReader.IsPlain(answer) || !JobsResponseReader.TryReadPlain(answer, out _))
        {
            throw new InvalidOperationException("the submit answer does not take the plain path");
        }

        var wire = JobsResponseReader.Read(answer).JobsDetail[0];
        var parts = new (string Name, Action Call)[]
        {
            ("submit: validate", () => JobRequestValidator.Validate(request)),
            ("submit: ToWire + Write", () => JobRequestWriter.Write(JobRequestConverter.ToWire(request))),
            ("answer: IsPlain", () => PlainXmlReader.IsPlain(answer)),
            ("answer: read (plain path)", () => JobsResponseReader.Read(answer)),
            ("answer: read (hardened reader)", () => JobsResponseReader.ReadHardened(answer)),
            ("answer: ToPublic", () => JobDetailConverter.ToPublic(wire, "req")),
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

    /// <summary>The emulator's answer to the benchmark's submit (as it goes on the wire, one line).</summary>
    private const string SubmitAnswer =
        "<Response><JobsDetail><Code>Success</Code><Message></Message><JobId>j0f1e2d3c4b5a69788796a5b4c3d2e1f0</JobId>"
        + "<State>Submitted</State><CreationTime>2026-12-07T18:00:00+0800</CreationTime><StartTime>-</StartTime><EndTime>-</EndTime>"
        + "<QueueId>p2242ab62c7c94486915508540933a2c6</QueueId><Tag>QualityEstimate</Tag><Input><BucketId>examplebucket-1250000000</BucketId>"
        + "<Object>input/demo.mp4</Object><Region>ap-guangzhou</Region></Input><Operation><QualityEstimateConfig><Mode>vqaPlus</Mode>"
        + "</QualityEstimateConfig><UserData>bench</UserData><JobLevel>0</JobLevel></Operation></JobsDetail></Response>";

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
