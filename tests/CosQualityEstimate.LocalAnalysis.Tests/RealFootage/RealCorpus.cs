using System.Collections.Concurrent;
using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests.RealFootage;

/// <summary>
/// The real-footage corpus (README.md beside this file): the committed clips — <c>box-7s.mp4</c>, an excerpt of a phone
/// clip from Debian's opencv-doc package, and <c>pan-*.mp4</c>, camera moves over photographs from Debian's
/// mate-backgrounds package — and the full opencv-doc sample videos in the folder <c>fetch-corpus.sh</c> fills
/// (<c>COSQE_REAL_FOOTAGE</c>, else <c>~/.cache/cosqe-real-footage</c>; <c>.ci/run</c> fetches them). Derived clips —
/// excerpts of at most 9 s, and copies with a defect injected from <see cref="DefectStart"/> to <see cref="DefectEnd"/>
/// — are made once, on first use, in a private temporary directory deleted when the run ends.
/// </summary>
public sealed class RealCorpus : IDisposable
{
    public const double DefectStart = 3;
    public const double DefectEnd = 5;

    /// <summary>The files the fetch script provides.</summary>
    public static readonly string[] FetchedFiles = ["Megamind.avi", "Megamind_bugy.avi", "vtest.avi", "tree.avi", "box.mp4", "cup.mp4"];

    private const string Window = "between(t,3,5)";
    private readonly ConcurrentDictionary<string, Lazy<string>> _clips = new();

    public RealCorpus()
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cosqe-real-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    /// <summary>The folder of the fetched corpus (it may not exist).</summary>
    public static string FetchedDirectory =>
        Environment.GetEnvironmentVariable("COSQE_REAL_FOOTAGE") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cosqe-real-footage");

    /// <summary>Why the fetched corpus is not there, or <c>null</c> when every file is.</summary>
    public static string? MissingReason
    {
        get
        {
            var missing = FetchedFiles.Where(f => !File.Exists(Path.Combine(FetchedDirectory, f))).ToList();
            return missing.Count == 0
                ? null
                : $"real-footage corpus not fetched ({string.Join(", ", missing)} missing in {FetchedDirectory}): run tests/CosQualityEstimate.LocalAnalysis.Tests/RealFootage/fetch-corpus.sh (.ci/run does)";
        }
    }

    /// <summary>The committed clips (always present).</summary>
    public static readonly string[] CommittedFiles = ["box-7s.mp4", "pan-storm.mp4", "pan-twowings.mp4", "pan-dune.mp4", "pan-wood.mp4"];

    /// <summary>The committed phone excerpt.</summary>
    public static string Committed => CommittedFile("box-7s.mp4");

    /// <summary>A committed clip's path in the test output.</summary>
    public static string CommittedFile(string name) => Path.Combine(AppContext.BaseDirectory, "RealFootage", name);

    public string Directory { get; }

    /// <summary>A fetched file, untouched.</summary>
    public static string Original(string name) => Path.Combine(FetchedDirectory, name);

    /// <summary>A derived clip: <c>base:defect</c>, e.g. <c>box:blur</c>; <c>box:clean</c> is the re-encoded untouched copy.</summary>
    public string Get(string name) => _clips.GetOrAdd(name, n => new Lazy<string>(() => Make(n))).Value;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Make(string name)
    {
        var parts = name.Split(':');
        var (source, defect) = (parts[0], parts[1]);
        var output = Path.Combine(Directory, source + "-" + defect + ".mp4");
        switch (defect)
        {
            case "clean": Encode(source, output); break;
            case "black": Encode(source, output, video: $"drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='{Window}'"); break;
            case "dark": Encode(source, output, video: $"lutyuv=y=val*0.3+5:enable='{Window}'"); break;
            case "bright": Encode(source, output, video: $"lutyuv=y=val*0.5+150:u=(val-128)*0.5+128:v=(val-128)*0.5+128:enable='{Window}'"); break;
            case "blur": Encode(source, output, video: $"gblur=sigma=6:enable='{Window}'"); break;
            case "pixelate": Encode(source, output, video: $"pixelize=w=16:h=16:enable='{Window}'"); break;
            case "pillarbox":
                Encode(source, output, video: $"drawbox=x=0:y=0:w=iw/8:h=ih:color=black:t=fill:enable='{Window}',drawbox=x=iw*7/8:y=0:w=iw/8:h=ih:color=black:t=fill:enable='{Window}'");
                break;
            case "letterbox":
                Encode(source, output, video: $"drawbox=x=0:y=0:w=iw:h=ih/8:color=black:t=fill:enable='{Window}',drawbox=x=0:y=ih*7/8:w=iw:h=ih/8:color=black:t=fill:enable='{Window}'");
                break;
            case "silence": Encode(source, output, audio: $"volume=0:enable='{Window}'"); break;
            case "crash": TestClips.Corrupt(Get(source + ":clean"), output); break;
            default: throw new ArgumentException("unknown defect " + defect, nameof(name));
        }

        return output;
    }

    /// <summary>The first 8 s of the source (box: the committed phone clip; storm: the committed pan over a dim stormy
    /// landscape with a dark road at the bottom; film: Megamind.avi) as phone-like H.264 (CRF 20, 2 s GOP) + AAC, with a defect filter.</summary>
    private static void Encode(string source, string output, string? video = null, string? audio = null)
    {
        var input = source switch
        {
            "box" => Committed,
            "storm" => CommittedFile("pan-storm.mp4"),
            "film" => Original("Megamind.avi"),
            _ => Original(source),
        };
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", input, "-t", "8",
            "-vf", (video is null ? string.Empty : video + ",") + "format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "50", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
        };
        if (source == "storm")
        {
            args.AddRange(["-an"]); // a photograph has no sound
        }

        if (audio is not null)
        {
            args.AddRange(["-af", audio]);
        }

        args.Add(output);
        TestSupport.Ffmpeg.Run("ffmpeg", args);
    }

    internal static string Seconds(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

[CollectionDefinition(Name)]
public sealed class RealCorpusCollection : ICollectionFixture<RealCorpus>
{
    public const string Name = "real corpus";
}
