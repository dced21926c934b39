using System.Diagnostics;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>A clip whose frames say when they were taken (red for 2 s, then blue for 2 s), and the colour of a picture's centre.</summary>
internal static class ColourClips
{
    /// <summary>Writes (once) a 4 s H.264 clip at <paramref name="path"/>, <paramref name="size"/> (e.g. <c>320x180</c>): red for 2 s, then blue.</summary>
    public static string RedThenBlue(string path, string size)
    {
        if (!File.Exists(path))
        {
            FfmpegClips.Run(
                "-f", "lavfi", "-i", $"color=c=red:size={size}:rate=25:duration=2",
                "-f", "lavfi", "-i", $"color=c=blue:size={size}:rate=25:duration=2",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p", path);
        }

        return path;
    }

    /// <summary>The centre pixel of the picture file <paramref name="picture"/> (<paramref name="width"/>×<paramref name="height"/>), decoded by ffmpeg.</summary>
    public static (int R, int G, int B) Centre(string picture, int width, int height)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-v", "error", "-i", picture, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        var rgb = output.ToArray();
        Assert.Equal(width * height * 3, rgb.Length);
        var i = (((height / 2) * width) + (width / 2)) * 3;
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }
}
