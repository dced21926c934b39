using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CosQualityEstimate.LocalAnalysis.Perceptual;

namespace NiqeFit;

/// <summary>One photograph of photos.txt.</summary>
/// <param name="Role">fit (NIQE's pristine set) or test (left for validation).</param>
/// <param name="Package">Debian package.</param>
/// <param name="Version">Its version.</param>
/// <param name="Path">The file's path inside the package.</param>
/// <param name="Sha256">The file's SHA-256.</param>
internal sealed record Photo(string Role, string Package, string Version, string Path, string Sha256);

/// <summary>
/// The pristine fit: every <c>fit</c> photograph of photos.txt, checked against its SHA-256, decoded to gray and
/// downscaled by ffmpeg by an integer factor k = max(2, ⌈w / 1280⌉) with area averaging (removes JPEG artefacts and
/// sensor noise, and brings the photographs to the size of the analyzer's frames), then NIQE's sharp patches pooled.
/// </summary>
internal static class PristineFit
{
    /// <summary>The photographs of photos.txt.</summary>
    public static IReadOnlyList<Photo> ReadList(string listPath) =>
        [.. File.ReadAllLines(listPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new Photo(f[0], f[1], f[2], f[3], f[4]))];

    /// <summary>Fits the model from the <c>fit</c> photographs under <paramref name="photoDirectory"/>;
    /// <paramref name="log"/> gets one line per photograph.</summary>
    public static (NiqeModel Model, IReadOnlyList<string> Comments) Fit(string listPath, string photoDirectory, TextWriter log)
    {
        var fitter = new NiqeFitter();
        var comments = new List<string>
        {
            "fitted by tools/NiqeFit (tools/NiqeFit/fit.sh) from these photographs (Debian package, version, file, SHA-256),",
            "each downscaled to gray by an integer factor k = max(2, ceil(w/1280)) (ffmpeg scale flags=area),",
            $"patches {NiqeFeatures.PatchSize}x{NiqeFeatures.PatchSize} with sharpness > {Niqe.PristineSharpness.ToString(CultureInfo.InvariantCulture)} x the photograph's sharpest:",
        };
        foreach (var photo in ReadList(listPath).Where(p => p.Role == "fit"))
        {
            var file = System.IO.Path.Combine(photoDirectory, photo.Path);
            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            if (sha != photo.Sha256)
            {
                throw new InvalidDataException($"{file}: SHA-256 {sha}, photos.txt says {photo.Sha256}.");
            }

            var (pixels, width, height) = DecodeDownscaled(file);
            var kept = fitter.Add(pixels, width, height, width);
            log.WriteLine($"{photo.Package} {photo.Path}: {width}x{height}, {kept} sharp patches");
            comments.Add($"{photo.Package} {photo.Version} {photo.Path} {photo.Sha256} ({width}x{height}, {kept} patches)");
        }

        return (fitter.Fit(), comments);
    }

    /// <summary>The photograph as gray, downscaled by k = max(2, ⌈w / 1280⌉).</summary>
    public static (byte[] Pixels, int Width, int Height) DecodeDownscaled(string file)
    {
        var size = Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", file]);
        var parts = System.Text.Encoding.ASCII.GetString(size).Trim().Split(',');
        var w = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var h = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var k = Math.Max(2, (w + 1279) / 1280);
        var width = w / k;
        var height = h / k;
        var pixels = Run("ffmpeg", ["-v", "error", "-nostdin", "-i", file, "-vf", $"scale={width}:{height}:flags=area", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"]);
        if (pixels.Length != width * height)
        {
            throw new InvalidDataException($"{file}: ffmpeg gave {pixels.Length} bytes, not {width}x{height}.");
        }

        return (pixels, width, height);
    }

    private static byte[] Run(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
        }

        return memory.ToArray();
    }
}
