using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Tests.RealFootage;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>An 8-bit gray picture (rows without gaps).</summary>
internal sealed record GrayPicture(byte[] Pixels, int Width, int Height, string Name);

/// <summary>
/// Real pictures for the perceptual-model tests: frames of the fetched real-footage corpus (RealFootage/README.md) and
/// the photographs <c>tools/NiqeFit/fetch-photos.sh</c> fetches from Debian packages (<c>COSQE_PHOTOS</c>, else
/// <c>~/.cache/cosqe-photos</c>; <c>.ci/run</c> fetches them), decoded to gray by ffmpeg.
/// </summary>
internal static class PerceptualPictures
{
    /// <summary>The photographs folder.</summary>
    public static string PhotoDirectory =>
        Environment.GetEnvironmentVariable("COSQE_PHOTOS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cosqe-photos");

    /// <summary>photos.txt of tools/NiqeFit, found from the test's output folder up to the repository.</summary>
    public static string PhotoList => Path.Combine(RepositoryRoot, "tools", "NiqeFit", "photos.txt");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CosQualityEstimate.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The photographs listed with <paramref name="role"/> (fit or test): package path of each.</summary>
    public static IReadOnlyList<string> Photos(string role) =>
        [.. File.ReadAllLines(PhotoList).Where(l => !l.StartsWith('#') && l.Length > 0)
            .Select(l => l.Split(' '))
            .Where(f => f[0] == role)
            .Select(f => f[3])];

    /// <summary>Why the photographs are not there, or <c>null</c>.</summary>
    public static string? MissingPhotosReason
    {
        get
        {
            var missing = Photos("fit").Concat(Photos("test")).Where(p => !File.Exists(Path.Combine(PhotoDirectory, p))).ToList();
            return missing.Count == 0
                ? null
                : $"photographs not fetched ({missing.Count} missing in {PhotoDirectory}): run tools/NiqeFit/fetch-photos.sh (.ci/run does)";
        }
    }

    /// <summary>One frame of a video at <paramref name="seconds"/>, as gray.</summary>
    public static GrayPicture Frame(string path, double seconds)
    {
        var (w, h) = Size(path);
        var bytes = Decode(["-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", path, "-frames:v", "1"], w * h);
        return new GrayPicture(bytes, w, h, $"{Path.GetFileName(path)}@{seconds}s");
    }

    /// <summary>A photograph scaled to <paramref name="width"/> (area averaging; even height), as gray.</summary>
    public static GrayPicture Photo(string packagePath, int width)
    {
        var path = Path.Combine(PhotoDirectory, packagePath);
        var (w, h) = Size(path);
        var height = (int)Math.Round((double)h * width / w / 2) * 2;
        var bytes = Decode(["-i", path, "-vf", $"scale={width}:{height}:flags=area"], width * height);
        return new GrayPicture(bytes, width, height, Path.GetFileName(path));
    }

    /// <summary>ffmpeg's filter applied to a picture (the result stays gray, same size).</summary>
    public static GrayPicture Filtered(GrayPicture picture, string filter, string name)
    {
        var dir = Directory.CreateTempSubdirectory("cosqe-nss-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.gray");
            File.WriteAllBytes(input, picture.Pixels);
            var bytes = Decode(["-f", "rawvideo", "-pix_fmt", "gray", "-s", $"{picture.Width}x{picture.Height}", "-i", input, "-vf", filter], picture.Pixels.Length);
            return picture with { Pixels = bytes, Name = $"{picture.Name} {name}" };
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A JPEG round trip of the picture at ffmpeg's mjpeg quantiser <paramref name="q"/> (2 best … 31).</summary>
    public static GrayPicture Jpeg(GrayPicture picture, int q)
    {
        var dir = Directory.CreateTempSubdirectory("cosqe-nss-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.gray");
            var jpeg = Path.Combine(dir.FullName, "out.jpg");
            File.WriteAllBytes(input, picture.Pixels);
            TestSupport.Ffmpeg.Run("ffmpeg", ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", $"{picture.Width}x{picture.Height}", "-i", input,
                "-c:v", "mjpeg", "-q:v", q.ToString(CultureInfo.InvariantCulture), "-frames:v", "1", jpeg]);
            var bytes = Decode(["-i", jpeg], picture.Pixels.Length);
            return picture with { Pixels = bytes, Name = $"{picture.Name} jpeg q{q}" };
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A corpus clip's path, with the skip reason of the real-footage tests.</summary>
    public static string Clip(string name) => Path.Combine(RealCorpus.FetchedDirectory, name);

    private static (int Width, int Height) Size(string path)
    {
        var csv = TestSupport.Ffmpeg.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]).Trim();
        var parts = csv.Split(',');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static byte[] Decode(IEnumerable<string> input, int expected)
    {
        var info = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-nostdin" }.Concat(input).Concat(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"]))
        {
            info.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        if (process.ExitCode != 0 || memory.Length != expected)
        {
            throw new InvalidOperationException($"ffmpeg gave {memory.Length} bytes, not {expected} ({process.ExitCode}): {stderr.Result}");
        }

        return memory.ToArray();
    }
}

/// <summary>A theory on the fetched photographs and corpus: skipped, saying why, when they are absent.</summary>
public sealed class PerceptualTheoryAttribute : TheoryAttribute
{
    public PerceptualTheoryAttribute()
    {
        if ((PerceptualPictures.MissingPhotosReason ?? RealCorpus.MissingReason) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact on the fetched photographs and corpus: skipped, saying why, when they are absent.</summary>
public sealed class PerceptualFactAttribute : FactAttribute
{
    public PerceptualFactAttribute()
    {
        if ((PerceptualPictures.MissingPhotosReason ?? RealCorpus.MissingReason) is { } reason)
        {
            Skip = reason;
        }
    }
}
