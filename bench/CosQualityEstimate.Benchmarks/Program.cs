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

        if (args.Length > 0 && args[0] == "--submit-growth")
        {
            var batches = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
            var size = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10000;
            return SubmitGrowthProbe.RunAsync(batches, size, args.Length > 3 ? args[3] : "both", args.Length > 4 && args[4] == "forget").GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "--submit-micro")
        {
            return SubmitMicroProbe.Run();
        }

        if (args.Length > 0 && args[0] == "--submit-parts")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
            var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
            int? only = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null;
            return SubmitPartsProbe.RunAsync(rounds, count, only).GetAwaiter().GetResult();
        }

        if (args.Length > 2 && args[0] == "--analyze")
        {
            return AnalyzeCpuProbe.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]).GetAwaiter().GetResult();
        }

        if (args.Length > 1 && args[0] == "--perceptual-parts")
        {
            return PerceptualPartsProbe.Run(args[1]);
        }

        if (args.Length > 2 && args[0] == "--frame-costs")
        {
            return FrameCostProbe.RunAsync(args[1], args[2..]).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
