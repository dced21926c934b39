using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace CosQualityEstimate.Emulator.Tests.Snapshots;

/// <summary>Reads pictures back: PNG and JPEG headers in-process, PNG pixel data through zlib, any picture's pixels through ffmpeg.</summary>
internal static class PictureChecks
{
    internal static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.Length > 24 && bytes[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    internal static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF && bytes[^2] == 0xFF && bytes[^1] == 0xD9;

    /// <summary>The size in a PNG's IHDR.</summary>
    internal static (int Width, int Height) PngSize(ReadOnlySpan<byte> png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));

    /// <summary>The size in a JPEG's SOF0 (or other SOFn) segment.</summary>
    internal static (int Width, int Height) JpegSize(ReadOnlySpan<byte> jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 5)..]));
            }

            i += 2 + length;
        }

        throw new InvalidOperationException("no SOF segment");
    }

    /// <summary>The inflated IDAT data of a PNG (all IDAT chunks, CRCs not checked here).</summary>
    internal static byte[] PngPixelData(byte[] png)
    {
        using var idat = new MemoryStream();
        var i = 8;
        while (i < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(i));
            var type = System.Text.Encoding.ASCII.GetString(png, i + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, i + 8, length);
            }

            i += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Decodes any picture with ffmpeg to RGB24 of its own size.</summary>
    internal static async Task<byte[]> RgbWithFfmpegAsync(byte[] picture)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-v", "error", "-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start (apt-get install ffmpeg)");
        var stderr = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        await process.StandardInput.BaseStream.WriteAsync(picture);
        process.StandardInput.Close();
        await copy;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "ffmpeg could not decode the picture: " + await stderr);
        return output.ToArray();
    }
}
