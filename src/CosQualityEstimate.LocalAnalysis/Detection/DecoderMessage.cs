namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>One video decoder message at the time of the frame printed before it (seconds), e.g.
/// <c>h264: A non-intra slice in an IDR NAL unit.</c> (decoder name, then the text without the pointer address).</summary>
internal readonly record struct DecoderMessage(double Time, string Text);
