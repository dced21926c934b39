namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of the service's error body: <c>&lt;Error&gt;</c>.</summary>
internal sealed class ErrorXml
{
    /// <summary><c>Code</c>: the service error code.</summary>
    public string? Code { get; set; }

    /// <summary><c>Message</c>: the service error message.</summary>
    public string? Message { get; set; }

    /// <summary><c>RequestId</c>: the request id.</summary>
    public string? RequestId { get; set; }

    /// <summary><c>TraceId</c>: the trace id.</summary>
    public string? TraceId { get; set; }
}
