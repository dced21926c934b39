namespace CosQualityEstimate.Emulator;

/// <summary>What a one-shot <see cref="EmulatorFault"/> does to the request it matches.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answer with an <c>&lt;Error&gt;</c> of the given status and code without processing the request.</summary>
    Status,

    /// <summary>Abort the connection before processing: nothing is created.</summary>
    DropBeforeProcessing,

    /// <summary>Process the request (a submit creates the job), then abort the connection without a response.</summary>
    DropAfterProcessing,

    /// <summary>Answer with a gateway-style <c>text/html</c> page of the given status without processing the request.</summary>
    HtmlGateway,

    /// <summary>Process the request, then answer 200 with the body truncated to half (malformed XML).</summary>
    MalformedBody,

    /// <summary>Wait (real time), then process the request normally.</summary>
    Delay,
}
