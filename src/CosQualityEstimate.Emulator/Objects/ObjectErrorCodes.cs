namespace CosQualityEstimate.Emulator.Objects;

/// <summary>Error codes of the COS object API that the emulator answers with.</summary>
internal static class ObjectErrorCodes
{
    internal const string NoSuchKey = "NoSuchKey";
    internal const string NoSuchUpload = "NoSuchUpload";
    internal const string InvalidPart = "InvalidPart";
    internal const string InvalidPartOrder = "InvalidPartOrder";
    internal const string EntityTooSmall = "EntityTooSmall";
    internal const string EntityTooLarge = "EntityTooLarge";
    internal const string BadDigest = "BadDigest";
    internal const string InvalidDigest = "InvalidDigest";
    internal const string InvalidArgument = "InvalidArgument";
    internal const string MalformedXml = "MalformedXML";
    internal const string MethodNotAllowed = "MethodNotAllowed";
    internal const string MissingContentLength = "MissingContentLength";
}
