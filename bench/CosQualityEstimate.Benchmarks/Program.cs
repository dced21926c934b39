using BenchmarkDotNet.Running;

namespace CosQualityEstimate.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--upload-memory")
        {
            var megabytes = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256;
            return UploadMemoryMeasurement.RunAsync(megabytes).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--submit-alloc")
        {
            var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
            return SubmitAllocationProbe.RunAsync(count).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
