using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>A QR code or barcode ZXing.Net decoded in a gray frame: its kind and where it is (gray-frame pixels).</summary>
internal readonly record struct DecodedCode(QualityIssueType Type, PixelBox Box);
