using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Serialization;
using Polly;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--submit-parts [rounds] [count]</c>: where the submit's time goes, against the same in-process emulator as
/// <see cref="EndToEndSubmitBenchmarks"/>. First it prints the bytes each path puts on the wire (one request each, through
/// a loopback forwarder), then it runs the variants below alternately, <c>count</c> sequential calls per variant and
/// round, and prints per variant the minimum and median over the rounds of the wall time and of the process CPU time per
/// call (client and server share the process, as in the benchmark). Minima over alternated rounds cancel most of the
/// noise of a shared machine; the variants peel the client's path apart layer by layer (the last one adds the answer's
/// parse and mapping to the pipeline's send, without the submit's validation, writing and safety layers).
/// </summary>
internal static class SubmitPartsProbe
{
    /// <param name="rounds">Rounds of all variants.</param>
    /// <param name="count">Calls per variant and round.</param>
    /// <param name="only">Run only this variant (its index), <c>count</c> calls in one go, for a profiler
    /// (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>); <see langword="null"/> for the alternated rounds.</param>
    internal static async Task<int> RunAsync(int rounds, int count, int? only = null)
    {
        var bench = new EndToEndSubmitBenchmarks();
        bench.Setup();
        try
        {
            if (only is null)
            {
                await PrintWireAsync(bench).ConfigureAwait(false);
            }

            var pipeline = bench.ClientPipeline;
            var noPolly = bench.NewClient(ResiliencePipeline.Empty);
            var noPollyPipeline = EndToEndSubmitBenchmarks.PipelineOf(noPolly);
            var body = bench.Body;
            var variants = new (string Name, Func<Task> Call)[]
            {
                ("raw POST (baseline)", () => bench.RawHttpClientPost()),
                ("client submit", () => bench.JobsClientSubmit()),
                ("client submit, empty resilience", async () => await noPolly.SubmitQualityEstimateJobAsync(bench.Request).ConfigureAwait(false)),
                ("pipeline send (sign+polly+send+read)", async () => await pipeline.SendPooledAsync(new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body }, default).ConfigureAwait(false)),
                ("pipeline send, empty resilience", async () => await noPollyPipeline.SendPooledAsync(new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body }, default).ConfigureAwait(false)),
                ("one attempt (sign+send+read)", async () => await pipeline.SendOnceAsync(new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body }, 0, default).ConfigureAwait(false)),
                ("pipeline send + parse + ToPublic", async () =>
                {
                    var response = await pipeline.SendPooledAsync(new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body }, default).ConfigureAwait(false);
                    _ = JobDetailConverter.ToPublic(JobsResponseParser.Parse(response).JobsDetail[0], response.RequestId);
                }),
            };

            if (only is int single)
            {
                // Warm-up (tiering, PGO) first; then the measured window, printed in CLOCK_MONOTONIC seconds (the
                // Stopwatch's clock on Linux) for `perf record -k CLOCK_MONOTONIC` + `perf report --time START,END`.
                Console.WriteLine($"only: {variants[single].Name}, {count} warm-up calls, then {count} measured");
                for (var i = 0; i < count; i++)
                {
                    await variants[single].Call().ConfigureAwait(false);
                }

                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < count; i++)
                {
                    await variants[single].Call().ConfigureAwait(false);
                }

                var ended = Stopwatch.GetTimestamp();
                Console.WriteLine(FormattableString.Invariant($"window {started / (double)Stopwatch.Frequency:F6},{ended / (double)Stopwatch.Frequency:F6} calls {count} wall {Stopwatch.GetElapsedTime(started, ended).TotalMicroseconds / count:F1} us per call"));
                return 0;
            }

            foreach (var (_, call) in variants)
            {
                for (var i = 0; i < 500; i++)
                {
                    await call().ConfigureAwait(false);
                }
            }

            var wall = new List<double>[variants.Length];
            var cpu = new List<double>[variants.Length];
            for (var v = 0; v < variants.Length; v++)
            {
                wall[v] = [];
                cpu[v] = [];
            }

            var process = Process.GetCurrentProcess();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate the order each round so no variant always runs right after the same other one.
                for (var k = 0; k < variants.Length; k++)
                {
                    var v = round % 2 == 0 ? k : variants.Length - 1 - k;
                    var call = variants[v].Call;
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var started = Stopwatch.GetTimestamp();
                    for (var i = 0; i < count; i++)
                    {
                        await call().ConfigureAwait(false);
                    }

                    var elapsed = Stopwatch.GetElapsedTime(started);
                    process.Refresh();
                    var cpuAfter = process.TotalProcessorTime;
                    wall[v].Add(elapsed.TotalMicroseconds / count);
                    cpu[v].Add((cpuAfter - cpuBefore).TotalMicroseconds / count);
                }
            }

            Console.WriteLine(FormattableString.Invariant($"{rounds} rounds x {count} calls per variant; us per call (min / median over rounds)"));
            Console.WriteLine(FormattableString.Invariant($"{"variant",-40} {"wall min",9} {"wall med",9} {"cpu min",9} {"cpu med",9}"));
            for (var v = 0; v < variants.Length; v++)
            {
                Console.WriteLine(FormattableString.Invariant($"{variants[v].Name,-40} {wall[v].Min(),9:F1} {Median(wall[v]),9:F1} {cpu[v].Min(),9:F1} {Median(cpu[v]),9:F1}"));
            }

            noPolly.Dispose();
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Sends one raw POST and one client submit through a loopback forwarder and prints the request bytes of each.</summary>
    private static async Task PrintWireAsync(EndToEndSubmitBenchmarks bench)
    {
        var target = bench.Endpoint;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var captured = new List<string>();
        var forwarding = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient accepted;
                try
                {
                    accepted = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using var inbound = accepted;
                    using var outbound = new TcpClient();
                    await outbound.ConnectAsync(target.Host, target.Port).ConfigureAwait(false);
                    var fromClient = inbound.GetStream();
                    var toServer = outbound.GetStream();
                    var back = toServer.CopyToAsync(fromClient);
                    var buffer = new byte[64 * 1024];
                    int read;
                    while ((read = await fromClient.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                    {
                        lock (captured)
                        {
                            captured.Add(Encoding.ASCII.GetString(buffer, 0, read));
                        }

                        await toServer.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                    }

                    outbound.Client.Shutdown(SocketShutdown.Send);
                    await back.ConfigureAwait(false);
                });
            }
        });

        var proxied = new UriBuilder(target) { Port = port }.Uri;
        foreach (var (name, send) in new (string, Func<Task>)[]
        {
            ("raw", () => bench.RawPostTo(proxied)),
            ("client", () => bench.ClientSubmitTo(proxied)),
        })
        {
            lock (captured)
            {
                captured.Clear();
            }

            await send().ConfigureAwait(false);
            string text;
            lock (captured)
            {
                text = string.Concat(captured);
            }

            // Mask the signature itself (it differs by key time, not by shape).
            Console.WriteLine($"--- {name} request ({Encoding.ASCII.GetByteCount(text)} bytes on the wire) ---");
            Console.WriteLine(System.Text.RegularExpressions.Regex.Replace(text, "q-signature=[0-9a-f]+", "q-signature=…"));
        }

        listener.Stop();
        await forwarding.ConfigureAwait(false);
    }
}
