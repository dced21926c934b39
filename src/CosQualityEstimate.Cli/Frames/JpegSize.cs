namespace CosQualityEstimate.Cli.Frames;

/// <summary>Reads a JPEG's picture size from its start-of-frame marker (no decoding).</summary>
internal static class JpegSize
{
    /// <summary>The width and height of the JPEG in <paramref name="bytes"/>; false when it is not a readable JPEG.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out int width, out int height)
    {
        width = height = 0;
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            return false;
        }

        var i = 2;
        while (i + 4 <= bytes.Length)
        {
            if (bytes[i] != 0xFF)
            {
                return false;
            }

            var marker = bytes[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = (bytes[i + 2] << 8) | bytes[i + 3];
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                if (i + 9 > bytes.Length)
                {
                    return false;
                }

                height = (bytes[i + 5] << 8) | bytes[i + 6];
                width = (bytes[i + 7] << 8) | bytes[i + 8];
                return width > 0 && height > 0;
            }

            if (length < 2)
            {
                return false;
            }

            i += 2 + length;
        }

        return false;
    }
}
