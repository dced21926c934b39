using CosQualityEstimate.Models;
using ZXing;
using ZXing.Common;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>A QR code or barcode ZXing.Net decoded in a gray frame: its kind and where it is (gray-frame pixels).</summary>
internal readonly record struct DecodedCode(QualityIssueType Type, PixelBox Box);

/// <summary>
/// Decodes QR codes and 1-D/2-D barcodes with ZXing.Net (pure managed, AOT-clean) straight from the gray plane.
/// QR codes are <see cref="QualityIssueType.QRCode"/>; every other symbology is <see cref="QualityIssueType.BarCode"/>.
/// One instance per worker: the reader is not thread-safe. A frame is searched for several codes only when a first one
/// was found in it.
/// </summary>
internal sealed class CodeReader
{
    private readonly BarcodeReaderGeneric _reader = new()
    {
        AutoRotate = false,
        Options = new DecodingOptions
        {
            TryHarder = true,
            PossibleFormats =
            [
                BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX, BarcodeFormat.PDF_417, BarcodeFormat.AZTEC,
                BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E,
                BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.ITF,
            ],
        },
    };

    public List<DecodedCode> Read(GrayFrame frame)
    {
        var source = new PlanarYUVLuminanceSource(frame.Pixels, frame.Width, frame.Height, 0, 0, frame.Width, frame.Height, false);
        var codes = new List<DecodedCode>();

        // Speed (docs/performance.md): one single-code pass first (about a quarter of the cost of the multi-code search
        // on a 720p frame with nothing in it); the multi-code search runs only on a frame where a code was found, to
        // find the others in it too.
        var first = _reader.Decode(source);
        if (first is null)
        {
            return codes;
        }

        var results = _reader.DecodeMultiple(source) ?? [first];

        foreach (var result in results)
        {
            var points = result.ResultPoints?.Where(p => p is not null).ToArray() ?? [];
            if (points.Length == 0)
            {
                continue;
            }

            var type = result.BarcodeFormat == BarcodeFormat.QR_CODE ? QualityIssueType.QRCode : QualityIssueType.BarCode;
            codes.Add(new DecodedCode(type, BoxAround(points, type, frame.Width, frame.Height)));
        }

        return codes;
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
        return new PixelBox(
            Math.Clamp((int)(x1 - padX), 0, width - 1),
            Math.Clamp((int)(y1 - padY), 0, height - 1),
            Math.Clamp((int)(x2 + padX), 0, width - 1),
            Math.Clamp((int)(y2 + padY), 0, height - 1));
    }
}
