using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CosQualityEstimate.Emulator.Snapshots;

/// <summary>
/// The hermetic emulator's snapshot: a deterministic picture of the requested size, written without ffmpeg — a
/// checkerboard of 16-pixel tiles in two colours derived from the object key and the time (so different frames
/// differ, and the same request always gets the same bytes), as PNG (zlib through <see cref="ZLibStream"/>) or as a
/// baseline JPEG (<see cref="DcOnlyJpegWriter"/>; the tiles are aligned to JPEG's 8×8 blocks, so the JPEG is exact).
/// </summary>
internal static class PlaceholderPicture
{
    /// <summary>The tile size; a multiple of 8 so every JPEG block is one colour.</summary>
    internal const int Tile = 16;

    /// <summary>The colours of the two tile kinds for <paramref name="key"/> at <paramref name="timeSeconds"/>.</summary>
    internal static ((byte R, byte G, byte B) Light, (byte R, byte G, byte B) Dark) Colours(string key, double timeSeconds)
    {
        // FNV-1a over the key and the time in milliseconds: stable across runs and platforms.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key + "\n" + Math.Round(timeSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var light = ((byte)(128 + (hash & 0x7F)), (byte)(128 + ((hash >> 8) & 0x7F)), (byte)(128 + ((hash >> 16) & 0x7F)));
        var dark = ((byte)(light.Item1 / 3), (byte)(light.Item2 / 3), (byte)(light.Item3 / 3));
        return (light, dark);
    }

    /// <summary>Whether the pixel at (<paramref name="x"/>, <paramref name="y"/>) is on a light tile.</summary>
    internal static bool IsLight(int x, int y) => (((x / Tile) + (y / Tile)) & 1) == 0;

    /// <summary>The placeholder as PNG (8-bit RGB, no interlace).</summary>
    internal static byte[] Png(int width, int height, string key, double timeSeconds)
    {
        var (light, dark) = Colours(key, timeSeconds);
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        WriteChunk(output, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var y = 0; y < height; y++)
            {
                row[0] = 0; // filter: none
                for (var x = 0; x < width; x++)
                {
                    var (r, g, b) = IsLight(x, y) ? light : dark;
                    row[1 + (x * 3)] = r;
                    row[2 + (x * 3)] = g;
                    row[3 + (x * 3)] = b;
                }

                zlib.Write(row);
            }
        }

        WriteChunk(output, "IDAT", pixels.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>The placeholder as a baseline JPEG.</summary>
    internal static byte[] Jpeg(int width, int height, string key, double timeSeconds)
    {
        var (light, dark) = Colours(key, timeSeconds);
        return DcOnlyJpegWriter.Write(width, height, (x, y) => IsLight(x, y) ? light : dark);
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        output.Write(number);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320).</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = CreateTable();

        internal static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        private static uint[] CreateTable()
        {
            var table = new uint[256];
            for (var n = 0u; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
