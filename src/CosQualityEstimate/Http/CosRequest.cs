namespace CosQualityEstimate.Http;

/// <summary>
/// A service call before it becomes an <see cref="HttpRequestMessage"/>: each attempt builds a new message from it
/// and signs that message, so retries never reuse a signature or a consumed body.
/// </summary>
internal sealed class CosRequest
{
    internal CosRequest(string operation, HttpMethod method, string path)
    {
        Operation = operation;
        Method = method;
        Path = path;
    }

    /// <summary>Name of the public operation, for logs and traces (for example <c>SubmitJob</c>).</summary>
    internal string Operation { get; }

    internal HttpMethod Method { get; }

    /// <summary>The decoded URI path, as signed (for example <c>/jobs/j123</c>).</summary>
    internal string Path { get; }

    /// <summary>Query parameters, raw; an empty value is sent as a bare name (<c>?cancel</c>).</summary>
    internal List<KeyValuePair<string, string>> Query { get; } = new();

    /// <summary>XML body, or <c>null</c>.</summary>
    internal byte[]? Body { get; init; }

    /// <summary>
    /// True when sending the request twice has the same effect as sending it once (GET, cancel). A submit is not:
    /// it is resent only when it provably never reached the service.
    /// </summary>
    internal bool IsIdempotent { get; init; }

    /// <summary>
    /// Builds the body of one attempt when it is not an XML <see cref="Body"/> (an object or part streamed from disk);
    /// called once per attempt, so a retry reads the file again. The content sets its own Content-Type/Length/MD5.
    /// </summary>
    internal Func<HttpContent>? ContentFactory { get; init; }

    /// <summary>Extra request headers (x-cos-*), signed with the request.</summary>
    internal List<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>Capture the allow-listed object headers of the response (<see cref="CosResponse.Headers"/>).</summary>
    internal bool CaptureHeaders { get; init; }

    /// <summary>
    /// Reads a 2xx response into the call's result inside the attempt, set by <see cref="CosHttpPipeline.SendAsync{T}"/>
    /// for idempotent requests only: an unreadable answer (an empty 200 from a broken proxy, truncated XML, a wrong ETag)
    /// fails that attempt and the retry rule resends the request. A non-idempotent POST's answer is read after the
    /// pipeline returns and is never resent.
    /// </summary>
    internal Func<CosResponse, object?>? Reader { get; set; }

    /// <summary>
    /// Most HTTP attempts of this request in all — retries, and the resend after a clock-skew correction or a credential
    /// refresh, included; <see langword="null"/> for the pipeline's own limits only. An upload part uses it so that one
    /// part is sent at most <c>MaxRetries + 1</c> times.
    /// </summary>
    internal int? MaxAttempts { get; init; }

    /// <summary>
    /// The most bytes a 2xx body of this request may have; over it the attempt fails with
    /// <see cref="CosResponseTooLargeException"/> (never resent). <see langword="null"/>: the XML limit,
    /// <c>CosXml.MaxBodyBytes</c>, whose overrun is a plain <see cref="CosResponseFormatException"/>. Error bodies always
    /// have the XML limit.
    /// </summary>
    internal int? MaxSuccessBodyBytes { get; init; }

    internal CosRequest AddQuery(string name, string? value)
    {
        Query.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
        return this;
    }
}
