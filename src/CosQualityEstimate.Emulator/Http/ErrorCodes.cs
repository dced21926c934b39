namespace CosQualityEstimate.Emulator.Http;

/// <summary>Error codes the emulator answers with.</summary>
internal static class ErrorCodes
{
    internal const string MalformedXml = "MalformedXML";
    internal const string InvalidArgument = "InvalidArgument";
    internal const string FailedOperation = "FailedOperation";
    internal const string NoSuchJob = "NoSuchJob";
    internal const string NoSuchResource = "NoSuchResource";
    internal const string MethodNotAllowed = "MethodNotAllowed";
    internal const string AccessDenied = "AccessDenied";
    internal const string InvalidAccessKeyId = "InvalidAccessKeyId";
    internal const string InvalidToken = "InvalidToken";
    internal const string ExpiredToken = "ExpiredToken";
    internal const string RequestTimeTooSkewed = "RequestTimeTooSkewed";
    internal const string SignatureDoesNotMatch = "SignatureDoesNotMatch";
    internal const string InternalError = "InternalError";
}
