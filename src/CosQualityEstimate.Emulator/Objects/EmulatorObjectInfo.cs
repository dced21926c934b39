namespace CosQualityEstimate.Emulator;

/// <summary>An object stored by the emulator, as its listing reports it.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="ETag">The ETag with its quotes: the MD5 hex of the content for a simple upload, <c>"&lt;md5 of the part MD5s&gt;-&lt;parts&gt;"</c> for a multipart upload.</param>
/// <param name="LastModified">When it was last written (emulator clock).</param>
public sealed record EmulatorObjectInfo(string Key, long Size, string ETag, DateTimeOffset LastModified);
