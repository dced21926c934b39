using System.Globalization;

namespace CosQualityEstimate.Emulator.Cli;

/// <summary>Parses the console program's options into <see cref="CosEmulatorOptions"/>.</summary>
internal static class EmulatorCommandLine
{
    internal const string Usage = """
        CosQualityEstimate.Emulator - a loopback emulator of the Tencent Cloud CI jobs API (QualityEstimate)
        and of the COS object API (uploads, listing) on the same port.

        Usage: CosQualityEstimate.Emulator [options]

          --port <n>               TCP port on 127.0.0.1 (default 0: a free port)
          --secret-id <id>         SecretId of the accepted credential (default: the documented test key)
          --secret-key <key>       SecretKey of the accepted credential (default: the documented test key)
          --bucket <name-appid>    Bucket reported by the service (default examplebucket-1250000000)
          --region <region>        Region reported by the service (default ap-guangzhou)
          --queue-delay-ms <ms>    Submitted -> Running delay (default 1000)
          --run-duration-ms <ms>   Running -> Success/Failed duration (default 2000)
          --objects-dir <path>     Directory for uploaded objects (default: a temp directory, deleted on exit)
          --require-objects        A job on a key never uploaded ends Failed with InputFileNotExist
          --analysis               Analyse uploaded objects locally with ffmpeg (results marked local-analysis;
                                   content ffmpeg cannot decode ends Failed/InvalidInputFile); without ffmpeg,
                                   results stay simulated
          --no-analysis            Simulated (made-up, marked simulated) results for every job (the default)
          --analysis-concurrency <n>
                                   With --analysis: analyses run at the same time, 1 to 64 (default 1)
          --help                   Show this help

        Stops on Ctrl+C or SIGTERM.
        """;

    /// <summary>Parses <paramref name="args"/>; returns an error message, or <see langword="null"/> on success.</summary>
    internal static string? TryParse(string[] args, out CosEmulatorOptions options, out bool help, out bool keysGiven)
    {
        options = new CosEmulatorOptions();
        help = false;
        keysGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "-?")
            {
                help = true;
                continue;
            }

            if (name == "--require-objects")
            {
                options.RequireStoredObjects = true;
                continue;
            }

            if (name == "--analysis")
            {
                options.LocalAnalysis = true;
                continue;
            }

            if (name == "--no-analysis")
            {
                options.LocalAnalysis = false;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                return $"Missing value for {name}.";
            }

            var value = args[++i];
            switch (name)
            {
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return "--port must be 0 to 65535.";
                    }

                    options.Port = port;
                    break;
                case "--secret-id":
                    options.SecretId = value;
                    keysGiven = true;
                    break;
                case "--secret-key":
                    options.SecretKey = value;
                    keysGiven = true;
                    break;
                case "--bucket":
                    options.Bucket = value;
                    break;
                case "--region":
                    options.Region = value;
                    break;
                case "--queue-delay-ms":
                    if (!TryParseMilliseconds(value, out var queueDelay))
                    {
                        return "--queue-delay-ms must be a non-negative integer.";
                    }

                    options.QueueDelay = queueDelay;
                    break;
                case "--run-duration-ms":
                    if (!TryParseMilliseconds(value, out var runDuration))
                    {
                        return "--run-duration-ms must be a non-negative integer.";
                    }

                    options.RunDuration = runDuration;
                    break;
                case "--analysis-concurrency":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency)
                        || concurrency is < 1 or > CosEmulatorOptions.MaxLocalAnalysisConcurrency)
                    {
                        return $"--analysis-concurrency must be 1 to {CosEmulatorOptions.MaxLocalAnalysisConcurrency}.";
                    }

                    options.LocalAnalysisConcurrency = concurrency;
                    break;
                case "--objects-dir":
                    options.ObjectStorageDirectory = value;
                    break;
                default:
                    return $"Unknown option {name}.";
            }
        }

        return null;
    }

    private static bool TryParseMilliseconds(string text, out TimeSpan value)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms);
        value = TimeSpan.FromMilliseconds(ms);
        return ok;
    }

    /// <summary>
    /// What the program prints once it listens: the credentials (when they are the public test key), bucket and region,
    /// the analysis mode (default off here: the emulator is a hermetic test double; <c>cosqe emulator</c> turns it on and
    /// says so the same way), the listening URL and one <c>export COS_…</c> line to paste into a shell. A secret the user
    /// chose (<c>--secret-key</c>) is never printed.
    /// </summary>
    internal static IReadOnlyList<string> StartLines(Uri endpoint, string bucket, string region, string secretId, string secretKey, bool localAnalysis, bool keysGiven)
    {
        var listening = endpoint.GetLeftPart(UriPartial.Authority);
        var lines = new List<string>();
        if (!keysGiven)
        {
            lines.Add($"SecretId:  {secretId}");
            lines.Add($"SecretKey: {secretKey}");
        }

        lines.Add($"Bucket: {bucket}  Region: {region}");
        lines.Add(localAnalysis
            ? "Local analysis: on (uploaded objects are analysed with ffmpeg when it is installed)"
            : "Local analysis: off (the default here: every result is simulated; --analysis analyses uploaded objects with ffmpeg)");
        lines.Add($"Listening on {listening}");
        lines.Add($"export COS_ENDPOINT={listening} COS_BUCKET={bucket} COS_REGION={region}"
            + (keysGiven ? " COS_SECRET_ID=<your --secret-id> COS_SECRET_KEY=<your --secret-key>" : $" COS_SECRET_ID={secretId} COS_SECRET_KEY={secretKey}"));
        return lines;
    }
}
