namespace CosQualityEstimate.Emulator.Snapshots;

/// <summary>
/// A baseline JPEG (JFIF, 4:4:4 YCbCr) of a picture whose every 8×8 block is one colour: each block is coded by its DC
/// coefficient alone (the colour) and an end-of-block, so no DCT is needed and the decoded picture is exactly the
/// blocks' colours (up to YCbCr rounding). The DC Huffman table is the standard luminance one (ITU T.81 Annex K.3); the
/// AC table has the single symbol end-of-block. Enough for the emulator's placeholder, not a general encoder.
/// </summary>
internal static class DcOnlyJpegWriter
{
    /// <summary>Annex K.3, table K.3: code lengths 1..16 of the luminance DC table; the symbols are the categories 0..11.</summary>
    private static readonly byte[] DcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The DC quantizer: 8, so the quantized DC is the block's mean minus 128.</summary>
    private const int DcQuantizer = 8;

    internal static byte[] Write(int width, int height, Func<int, int, (byte R, byte G, byte B)> colourOfBlockAt)
    {
        var (codes, lengths) = CanonicalCodes(DcBits, 12);
        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]); // SOI
        output.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]); // APP0 JFIF 1.1
        // DQT: table 0, 8-bit; the DC quantizer first (zigzag index 0), every AC quantizer 1 (all AC coefficients are 0).
        output.Write([0xFF, 0xDB, 0x00, 0x43, 0x00, DcQuantizer]);
        for (var i = 1; i < 64; i++)
        {
            output.WriteByte(1);
        }

        // SOF0: 8-bit, height, width, three components sampled 1×1 on quantization table 0.
        output.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00]);
        // DHT: DC table 0 (standard luminance) and AC table 0 (one 1-bit code, end-of-block).
        output.Write([0xFF, 0xC4, 0x00, 0x1F, 0x00]);
        output.Write(DcBits);
        for (byte v = 0; v < 12; v++)
        {
            output.WriteByte(v);
        }

        output.Write([0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        // SOS: three components on tables 0/0, spectral selection 0..63, no approximation.
        output.Write([0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x3F, 0x00]);

        var bits = new BitWriter(output);
        Span<int> previous = stackalloc int[3];
        for (var by = 0; by < height; by += 8)
        {
            for (var bx = 0; bx < width; bx += 8)
            {
                var (r, g, b) = colourOfBlockAt(bx, by);
                Span<int> dc =
                [
                    Quantize((0.299 * r) + (0.587 * g) + (0.114 * b)),
                    Quantize(128 - (0.168736 * r) - (0.331264 * g) + (0.5 * b)),
                    Quantize(128 + (0.5 * r) - (0.418688 * g) - (0.081312 * b)),
                ];
                for (var c = 0; c < 3; c++)
                {
                    var diff = dc[c] - previous[c];
                    previous[c] = dc[c];
                    var category = Category(diff);
                    bits.Write(codes[category], lengths[category]);
                    if (category > 0)
                    {
                        bits.Write(diff >= 0 ? diff : diff + (1 << category) - 1, category);
                    }

                    bits.Write(0, 1); // end of block
                }
            }
        }

        bits.Flush();
        output.Write([0xFF, 0xD9]); // EOI
        return output.ToArray();
    }

    /// <summary>The quantized DC of a block of one sample value: (value − 128) · 8 / 8, clamped to a byte's range.</summary>
    private static int Quantize(double value) => Math.Clamp((int)Math.Round(value), 0, 255) - 128;

    /// <summary>The magnitude category of a DC difference (the number of bits of its absolute value).</summary>
    private static int Category(int diff)
    {
        var magnitude = Math.Abs(diff);
        var category = 0;
        while (magnitude > 0)
        {
            category++;
            magnitude >>= 1;
        }

        return category;
    }

    /// <summary>The canonical Huffman codes (ITU T.81 Annex C) of <paramref name="count"/> symbols in order.</summary>
    private static (int[] Codes, int[] Lengths) CanonicalCodes(byte[] bitsPerLength, int count)
    {
        var codes = new int[count];
        var lengths = new int[count];
        var code = 0;
        var symbol = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < bitsPerLength[length - 1]; i++)
            {
                codes[symbol] = code++;
                lengths[symbol] = length;
                symbol++;
            }

            code <<= 1;
        }

        return (codes, lengths);
    }

    /// <summary>Writes bits most significant first, stuffing a 0x00 after every 0xFF byte; pads the last byte with 1s.</summary>
    private sealed class BitWriter(Stream output)
    {
        private int _buffer;
        private int _count;

        internal void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        internal void Flush()
        {
            while (_count != 0)
            {
                _buffer = (_buffer << 1) | 1;
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.WriteByte(0x00);
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
