using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZXing;
using ZXing.Common;

namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>
/// Generates the test clips with ffmpeg's lavfi sources into a private temporary directory, each once, on first use;
/// deleted when the test run ends. Every clip is 8 s of testsrc2 at 320x180, 25 fps, H.264 + AAC (a 440 Hz tone at
/// −21 dBFS RMS), with its defect from <see cref="DefectStart"/> to <see cref="DefectEnd"/> unless noted.
/// </summary>
public sealed class TestClips : IDisposable
{
    public const double Duration = 8;
    public const double DefectStart = 3;
    public const double DefectEnd = 5;

    private const string Window = "between(t,3,5)";
    private readonly ConcurrentDictionary<string, Lazy<string>> _clips = new();

    public TestClips()
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cosqe-la-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public string Directory { get; }

    /// <summary>The clip's path, generating it on first use.</summary>
    public string Get(string name) => _clips.GetOrAdd(name, n => new Lazy<string>(() => Generate(n))).Value;

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

    private string Generate(string name)
    {
        var output = Path.Combine(Directory, name + (name == "audioonly" ? ".m4a" : ".mp4"));
        switch (name)
        {
            case "clean": Encode(output); break;
            case "blur": Encode(output, video: $"gblur=sigma=5:enable='{Window}'"); break;
            case "dark": Encode(output, video: $"lutyuv=y=val*0.3+5:enable='{Window}'"); break;
            case "bright": Encode(output, video: $"lutyuv=y=val*0.5+150:u=(val-128)*0.5+128:v=(val-128)*0.5+128:enable='{Window}'"); break;
            case "solid": Encode(output, video: $"drawbox=x=0:y=0:w=iw:h=ih:color=0x3050C0:t=fill:enable='{Window}'"); break;
            case "edge": Encode(output, video: $"drawbox=x=0:y=0:w=40:h=ih:color=white:t=fill:enable='{Window}',drawbox=x=280:y=0:w=40:h=ih:color=white:t=fill:enable='{Window}'"); break;
            case "noise": Encode(output, video: $"noise=alls=40:allf=t+u:enable='{Window}'"); break;
            case "mosaic": Encode(output, video: $"pixelize=w=16:h=16:enable='{Window}'"); break;
            case "jitter":
                Encode(output, source: "testsrc2=size=352x212:rate=25:duration=8",
                    video: $"crop=w=320:h=180:x='16+if({Window},(random(0)-0.5)*24,0)':y='16+if({Window},(random(1)-0.5)*24,0)'");
                break;
            case "silence": Encode(output, audio: $"volume=0:enable='{Window}'"); break;
            case "quiet": Encode(output, audio: $"volume=-30dB:enable='{Window}'"); break;
            case "clipped": Encode(output, audio: $"aeval=exprs='if({Window},clip(val(0)*30,-1,1),val(0))':channel_layout=mono,aformat=channel_layouts=mono"); break;
            case "noaudio": Encode(output, withAudio: false); break;
            case "long": Encode(output, source: "testsrc2=size=320x180:rate=25:duration=60", duration: 60); break;
            case "audioonly": Encode(output, withVideo: false); break;
            case "codes": EncodeCodes(output); break;
            case "crash": Corrupt(Get("clean"), output); break;
            case "av1": EncodeAv1(output); break;
            case "vfr": EncodeVariableFrameRate(output); break;
            default: throw new ArgumentException("unknown clip " + name, nameof(name));
        }

        return output;
    }

    private static void Encode(string output, string? video = null, string? audio = null, bool withAudio = true, bool withVideo = true,
        string source = "testsrc2=size=320x180:rate=25:duration=8", double duration = Duration)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y" };
        if (withVideo)
        {
            args.AddRange(["-f", "lavfi", "-i", source]);
        }

        if (withAudio)
        {
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + duration.ToString(CultureInfo.InvariantCulture)]);
        }

        if (withVideo)
        {
            args.AddRange(["-vf", (video is null ? string.Empty : video + ",") + "format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "50"]);
        }

        if (withAudio)
        {
            if (audio is not null)
            {
                args.AddRange(["-af", audio]);
            }

            args.AddRange(["-c:a", "aac", "-b:a", "128k"]);
        }

        args.AddRange(["-t", duration.ToString(CultureInfo.InvariantCulture), output]);
        Ffmpeg.Run("ffmpeg", args);
    }

    /// <summary>A QR code at 1–3 s and an EAN-13 barcode at 5–7 s, overlaid on the clean clip.</summary>
    private void EncodeCodes(string output)
    {
        var qr = Path.Combine(Directory, "qr.pgm");
        var ean = Path.Combine(Directory, "ean.pgm");
        WritePgm(new MultiFormatWriter().encode("https://example.com/cosqe", BarcodeFormat.QR_CODE, 120, 120), qr);
        WritePgm(new MultiFormatWriter().encode("5901234123457", BarcodeFormat.EAN_13, 200, 70), ean);
        Ffmpeg.Run("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=8",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8",
            "-loop", "1", "-i", qr, "-loop", "1", "-i", ean,
            "-filter_complex", "[0:v][2:v]overlay=x=180:y=30:enable='between(t,1,3)'[a];[a][3:v]overlay=x=60:y=55:enable='between(t,5,7)',format=yuv420p[v]",
            "-map", "[v]", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "50", "-c:a", "aac", "-t", "8", output,
        ]);
    }

    /// <summary>Variable-frame-rate footage, as a phone records it: 10 fps for the first 4 s (frames 0–39), then 30 fps
    /// to 10 s (<c>setpts</c> on the frame number, kept by <c>-fps_mode vfr</c>); pixelated from
    /// <see cref="VfrMosaicStart"/> to <see cref="VfrMosaicEnd"/> and shaken from <see cref="VfrShakeStart"/> to
    /// <see cref="VfrShakeEnd"/> (times after the change of rate). Timed by the frame index at the average rate (22.5 fps),
    /// the shaken frames would be placed about 2.7 s early.</summary>
    private static void EncodeVariableFrameRate(string output)
    {
        var shake = $"between(t,{I(VfrShakeStart)},{I(VfrShakeEnd)})";
        Ffmpeg.Run("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=352x212:rate=30:duration=7.34",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10",
            "-filter_complex",
            "[0:v]setpts='if(lt(N,40),N/10,4+(N-40)/30)/TB'," +
            $"crop=w=320:h=180:x='16+if({shake},(random(0)-0.5)*24,0)':y='16+if({shake},(random(1)-0.5)*24,0)'," +
            $"pixelize=w=16:h=16:enable='between(t,{I(VfrMosaicStart)},{I(VfrMosaicEnd)})',format=yuv420p[v]",
            "-map", "[v]", "-map", "1:a", "-frames:v", "220", "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "50",
            "-c:a", "aac", "-b:a", "128k", output,
        ]);
    }

    /// <summary>The variable-frame-rate clip's pixelated span (in its 10 fps part), seconds.</summary>
    public const double VfrMosaicStart = 1;

    /// <summary>End of <see cref="VfrMosaicStart"/>'s span.</summary>
    public const double VfrMosaicEnd = 3;

    /// <summary>The variable-frame-rate clip's shaken span (in its 30 fps part), seconds.</summary>
    public const double VfrShakeStart = 6.5;

    /// <summary>End of <see cref="VfrShakeStart"/>'s span.</summary>
    public const double VfrShakeEnd = 8.5;

    private static string I(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>AV1 (SVT-AV1, decoded by libdav1d, whose version line is printed at info level) with a blocky
    /// (pixelized) first second, so that a decoder line counted at 0 s would meet a blocky picture.</summary>
    private static void EncodeAv1(string output) => Ffmpeg.Run("ffmpeg",
    [
        "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4",
        "-vf", "pixelize=w=16:h=16:enable='lt(t,1)',format=yuv420p",
        "-c:v", "libsvtav1", "-preset", "12", "-an", "-t", "4", output,
    ]);

    private static void WritePgm(BitMatrix matrix, string path)
    {
        using var stream = File.Create(path);
        var header = Encoding.ASCII.GetBytes($"P5\n{matrix.Width} {matrix.Height}\n255\n");
        stream.Write(header);
        for (var y = 0; y < matrix.Height; y++)
        {
            for (var x = 0; x < matrix.Width; x++)
            {
                stream.WriteByte(matrix[x, y] ? (byte)0 : (byte)255);
            }
        }
    }

    /// <summary>The clean clip with 8 (seeded) random bytes overwritten in the middle of each video packet from 3 to 5 s.</summary>
    internal static void Corrupt(string source, string output)
    {
        var bytes = File.ReadAllBytes(source);
        var packets = Ffmpeg.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,pos,size", "-of", "csv=p=0:nk=0", source]);
        var random = new Random(14);
        var corrupted = 0;
        foreach (var line in packets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',').Select(f => f.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
            var time = double.Parse(fields["pts_time"], CultureInfo.InvariantCulture);
            if (time < DefectStart || time >= DefectEnd)
            {
                continue;
            }

            var pos = long.Parse(fields["pos"], CultureInfo.InvariantCulture);
            var size = int.Parse(fields["size"], CultureInfo.InvariantCulture);
            var at = (int)(pos + (size / 2)) - 4;
            for (var i = 0; i < 8; i++)
            {
                bytes[at + i] = (byte)random.Next(256);
            }

            corrupted++;
        }

        Assert.True(corrupted > 10, "the clean clip's packets between 3 and 5 s were not found");
        File.WriteAllBytes(output, bytes);
    }
}

/// <summary>Runs ffmpeg or ffprobe for test setup and returns stdout; a failure fails the test with ffmpeg's message.</summary>
internal static class Ffmpeg
{
    public static string Run(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }
}

[CollectionDefinition(Name)]
public sealed class ClipsCollection : ICollectionFixture<TestClips>
{
    public const string Name = "clips";
}
