namespace CosQualityEstimate.Emulator;

/// <summary>
/// A one-shot fault for the next request that matches <see cref="MethodFilter"/> (any method when <see langword="null"/>).
/// Queue it with <see cref="EmulatorFaults.Enqueue"/>; create it with the factory methods.
/// </summary>
public sealed class EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind, string? methodFilter)
    {
        Kind = kind;
        MethodFilter = methodFilter;
    }

    /// <summary>What the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>HTTP method the fault applies to (case-insensitive), or <see langword="null"/> for any.</summary>
    public string? MethodFilter { get; }

    /// <summary>HTTP status, for <see cref="EmulatorFaultKind.Status"/> and <see cref="EmulatorFaultKind.HtmlGateway"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Error code in the <c>&lt;Error&gt;</c> body, for <see cref="EmulatorFaultKind.Status"/>.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>Value of the <c>Retry-After</c> header, if any, for <see cref="EmulatorFaultKind.Status"/>.</summary>
    public string? RetryAfterSeconds { get; private init; }

    /// <summary>How long to wait, for <see cref="EmulatorFaultKind.Delay"/>.</summary>
    public TimeSpan DelayDuration { get; private init; }

    /// <summary>Answer with an error without processing the request.</summary>
    /// <param name="status">HTTP status, 400 to 599.</param>
    /// <param name="code">The <c>Error/Code</c>, for example <c>ServiceUnavailable</c>.</param>
    /// <param name="retryAfterSeconds">Value of a <c>Retry-After</c> header, or <see langword="null"/> for none.</param>
    /// <param name="methodFilter">Only requests with this HTTP method match; <see langword="null"/> for any.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Status(int status, string code, string? retryAfterSeconds = null, string? methodFilter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new EmulatorFault(EmulatorFaultKind.Status, methodFilter) { StatusCode = status, ErrorCode = code, RetryAfterSeconds = retryAfterSeconds };
    }

    /// <summary>Abort the connection (<c>HttpContext.Abort()</c>) before anything is processed.</summary>
    /// <param name="methodFilter">Only requests with this HTTP method match; <see langword="null"/> for any.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault DropBeforeProcessing(string? methodFilter = null) => new(EmulatorFaultKind.DropBeforeProcessing, methodFilter);

    /// <summary>Process the request (a submit creates its job), then abort the connection: the outcome is ambiguous to the client.</summary>
    /// <param name="methodFilter">Only requests with this HTTP method match; <see langword="null"/> for any.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault DropAfterProcessing(string? methodFilter = null) => new(EmulatorFaultKind.DropAfterProcessing, methodFilter);

    /// <summary>Answer with a gateway HTML page (<c>text/html</c>) without processing the request.</summary>
    /// <param name="status">HTTP status, for example 502.</param>
    /// <param name="methodFilter">Only requests with this HTTP method match; <see langword="null"/> for any.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault HtmlGateway(int status = 502, string? methodFilter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new EmulatorFault(EmulatorFaultKind.HtmlGateway, methodFilter) { StatusCode = status };
    }

    /// <summary>Process the request, then answer 200 with truncated XML.</summary>
    /// <param name="methodFilter">Only requests with this HTTP method match; <see langword="null"/> for any.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault MalformedBody(string? methodFilter = null) => new(EmulatorFaultKind.MalformedBody, methodFilter);

    /// <summary>Wait for <paramref name="delay"/> of real time (<see cref="Task.Delay(TimeSpan)"/>), then process normally.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="methodFilter">Only requests with this HTTP method match; <see langword="null"/> for any.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Delay(TimeSpan delay, string? methodFilter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new EmulatorFault(EmulatorFaultKind.Delay, methodFilter) { DelayDuration = delay };
    }

    /// <summary>Whether the fault applies to a request with <paramref name="method"/>.</summary>
    internal bool Matches(string method) => MethodFilter is null || string.Equals(MethodFilter, method, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => $"EmulatorFault({Kind}, {StatusCode}, {ErrorCode}, {MethodFilter ?? "*"})";
}
