using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.Models;
using ZXing;
using ZXing.Common;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Decodes QR codes and 1-D/2-D barcodes with ZXing.Net (pure managed, AOT-clean) straight from the gray plane.
/// QR codes are <see cref="QualityIssueType.QRCode"/>; every other symbology is <see cref="QualityIssueType.BarCode"/>.
/// One instance per worker: the readers are not thread-safe. A frame is searched for several codes only when a first
/// one was found in it.
/// </summary>
/// <remarks>Speed (docs/performance.md): 2-D symbologies are searched in the whole frame; 1-D ones (bars, the same
/// along their length) in every <see cref="OneDRowStep"/>-th row for upright codes and every
/// <see cref="OneDRowStep"/>-th column, turned, for sideways ones. ZXing's thorough 1-D search scans every 2nd row of a
/// 720-row frame and then the turned frame; on the thinned copies it scans lines still 4 px apart, about two thirds of
/// the work, for any bar code longer than a few lines.</remarks>
internal sealed class CodeReader
{
    /// <summary>The 1-D search sees every this-many-th row of the frame.</summary>
    public const int OneDRowStep = 4;

    private readonly BarcodeReaderGeneric _twoD = Reader(
        BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX, BarcodeFormat.PDF_417, BarcodeFormat.AZTEC);

    private readonly BarcodeReaderGeneric _oneD = Reader(
        BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E,
        BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.ITF);

    private byte[] _rows = [];
    private byte[] _columns = [];

    public List<DecodedCode> Read(GrayFrame frame)
    {
        var codes = new List<DecodedCode>();
        var full = new PlanarYUVLuminanceSource(frame.Pixels, frame.Width, frame.Height, 0, 0, frame.Width, frame.Height, false);
        Add(codes, Search(_twoD, full), frame, static (x, y) => (x, y));

        // Upright bar codes (vertical bars): every OneDRowStep-th row. Sideways ones (horizontal bars, which ZXing's
        // thorough search finds by turning the picture): every OneDRowStep-th column, turned here so its bars stand.
        var rows = (frame.Height + OneDRowStep - 1) / OneDRowStep;
        _rows = Resize(_rows, frame.Width * rows);
        for (var y = 0; y < rows; y++)
        {
            Buffer.BlockCopy(frame.Pixels, y * OneDRowStep * frame.Width, _rows, y * frame.Width, frame.Width);
        }

        Add(codes, Search(_oneD, new GrayLuminanceSource(_rows, frame.Width, rows)), frame, static (x, y) => (x, y * OneDRowStep));

        var columns = (frame.Width + OneDRowStep - 1) / OneDRowStep;
        _columns = Resize(_columns, frame.Height * columns);
        for (var c = 0; c < columns; c++)
        {
            var target = c * frame.Height;
            for (var y = 0; y < frame.Height; y++)
            {
                _columns[target + y] = frame.Pixels[(y * frame.Width) + (c * OneDRowStep)];
            }
        }

        Add(codes, Search(_oneD, new GrayLuminanceSource(_columns, frame.Height, columns)), frame, static (x, y) => (y * OneDRowStep, x));
        return codes;
    }

    private static byte[] Resize(byte[] buffer, int size) => buffer.Length == size ? buffer : new byte[size];

    private static BarcodeReaderGeneric Reader(params BarcodeFormat[] formats) => new()
    {
        AutoRotate = false,
        Options = new DecodingOptions { TryHarder = true, PossibleFormats = formats },
    };

    /// <summary>One single-code pass first (about a quarter of the cost of the multi-code search on a frame with
    /// nothing in it); the multi-code search runs only where a code was found, to find the others too.</summary>
    private static Result[] Search(BarcodeReaderGeneric reader, LuminanceSource source)
    {
        var first = reader.Decode(source);
        return first is null ? [] : reader.DecodeMultiple(source) ?? [first];
    }

    /// <summary>Adds the results, their points mapped from the searched picture to the frame by <paramref name="toFrame"/>.</summary>
    private static void Add(List<DecodedCode> codes, Result[] results, GrayFrame frame, Func<float, float, (float X, float Y)> toFrame)
    {
        foreach (var result in results)
        {
            var points = result.ResultPoints?
                .Where(p => p is not null)
                .Select(p => toFrame(p.X, p.Y))
                .Select(p => new ResultPoint(p.X, p.Y))
                .ToArray() ?? [];
            if (points.Length == 0)
            {
                continue;
            }

            var type = result.BarcodeFormat == BarcodeFormat.QR_CODE ? QualityIssueType.QRCode : QualityIssueType.BarCode;
            codes.Add(new DecodedCode(type, BoxAround(points, type, frame.Width, frame.Height)));
        }
    }

    /// <summary>ZXing returns finder-pattern centres (QR) or the two ends of one scan line (1-D): pad them to a box.</summary>
    private static PixelBox BoxAround(ResultPoint[] points, QualityIssueType type, int width, int height)
    {
        var x1 = points.Min(p => p.X);
        var x2 = points.Max(p => p.X);
        var y1 = points.Min(p => p.Y);
        var y2 = points.Max(p => p.Y);
        var padX = Math.Max(4, (x2 - x1) * 0.15f);
        var padY = type == QualityIssueType.QRCode ? Math.Max(4, (y2 - y1) * 0.15f) : Math.Max(8, (x2 - x1) * 0.25f);
        if (type != QualityIssueType.QRCode && (y2 - y1) > 2 * (x2 - x1))
        {
            // A sideways 1-D code: its scan line is vertical, so its bars extend left and right of it.
            padX = Math.Max(8, (y2 - y1) * 0.25f);
            padY = Math.Max(4, (y2 - y1) * 0.15f);
        }

        return new PixelBox(
            Math.Clamp((int)(x1 - padX), 0, width - 1),
            Math.Clamp((int)(y1 - padY), 0, height - 1),
            Math.Clamp((int)(x2 + padX), 0, width - 1),
            Math.Clamp((int)(y2 + padY), 0, height - 1));
    }
}
