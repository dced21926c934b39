using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Models;

/// <summary>
/// The notification the service POSTs to a job's <c>CallBack</c> URL when the job ends: an <see cref="EventName"/>
/// (<c>TaskFinish</c>) and the job as <c>JobsDetail</c>, in XML (<c>&lt;Response&gt;</c>, the default) or, with
/// <c>CallBackFormat=JSON</c>, in JSON. Both formats yield the same <see cref="JobDetail"/> the client returns.
/// </summary>
/// <remarks>
/// <para>
/// <b>Callbacks are not signed by the service.</b> Anyone who can reach the callback URL can post a body that parses.
/// Treat a callback as a hint that a job changed: take its <see cref="JobDetail.JobId"/> and confirm the job's state and
/// result by asking the service (the client's job-describe call, <c>GetJobAsync</c>) before acting on it. Do not use
/// <see cref="JobDetail.UserData"/> or any other callback field for authorization decisions.
/// </para>
/// <para>
/// Parsing is hardened for untrusted input: bodies over 4 MiB characters are refused, XML with a DTD or entity
/// declarations is refused without resolving anything, and XML or JSON nested deeper than 64 levels is refused. Parsing is lenient
/// on shapes: unknown elements and properties are ignored (callbacks for other job types such as Transcode parse, with
/// <see cref="JobDetail.QualityEstimate"/> <c>null</c>), and JSON numbers and booleans may arrive as strings, lists as a single
/// object, and property names in any case.
/// </para>
/// <para>
/// The format is taken from the body's first non-whitespace character (<c>&lt;</c> is XML, <c>{</c> or <c>[</c> is
/// JSON), which is reliable and immune to proxies that rewrite headers; the content type only decides when that
/// character does not.
/// </para>
/// <para>
/// <see cref="Parse(string, string?)"/> and its overloads are forwarders to the serialization layer's callback reader:
/// the one dependency of this model on a higher layer, declared and checked by the library's layering test.
/// </para>
/// </remarks>
public sealed class JobCallback
{
    internal JobCallback(string eventName, IReadOnlyList<JobDetail> jobs, CallbackFormat format)
    {
        EventName = eventName;
        Jobs = jobs;
        Format = format;
    }

    /// <summary><c>EventName</c>: the event, for example <c>TaskFinish</c>; an empty string when absent.</summary>
    public string EventName { get; }

    /// <summary><c>JobsDetail</c>: the jobs the callback reports (normally one); empty when the body names none.</summary>
    public IReadOnlyList<JobDetail> Jobs { get; }

    /// <summary>The format the body was read as.</summary>
    public CallbackFormat Format { get; }

    /// <summary>Parses a callback body.</summary>
    /// <param name="body">The raw request body. <c>null</c> is treated as an empty body.</param>
    /// <param name="contentType">The request's Content-Type, if known (for example <c>application/json; charset=utf-8</c>
    /// or <c>text/xml</c>); used only when the body's first character does not tell XML from JSON.</param>
    /// <returns>The parsed callback.</returns>
    /// <exception cref="JobCallbackFormatException">The body is empty, whitespace, over 4 MiB characters, malformed or
    /// truncated, XML with a DTD or entities, XML whose root is not <c>&lt;Response&gt;</c>, JSON whose root is not an
    /// object, or XML or JSON nested deeper than 64 levels. The message quotes the first 64 characters of the body.</exception>
    [OverloadResolutionPriority(1)]
    public static JobCallback Parse(string body, string? contentType = null) => JobCallbackParser.Parse(body, contentType);

    /// <summary>Parses a UTF-8 callback body (a leading byte order mark is ignored; invalid bytes become U+FFFD).</summary>
    /// <param name="utf8Body">The raw request body bytes.</param>
    /// <param name="contentType">The request's Content-Type, if known; see <see cref="Parse(string, string?)"/>.</param>
    /// <returns>The parsed callback.</returns>
    /// <exception cref="JobCallbackFormatException">As for <see cref="Parse(string, string?)"/>; also when the body is over
    /// 4 MiB bytes.</exception>
    public static JobCallback Parse(ReadOnlySpan<byte> utf8Body, string? contentType = null)
        => JobCallbackParser.ParseUtf8(utf8Body, contentType);

    /// <summary>Parses a callback body without throwing on a bad body.</summary>
    /// <param name="body">The raw request body. <c>null</c> yields <c>false</c>.</param>
    /// <param name="contentType">The request's Content-Type, if known; see <see cref="Parse(string, string?)"/>.</param>
    /// <param name="callback">The parsed callback, or <c>null</c> when the body cannot be read.</param>
    /// <returns><c>true</c> when the body was read.</returns>
    public static bool TryParse(string body, string? contentType, [NotNullWhen(true)] out JobCallback? callback)
    {
        try
        {
            callback = JobCallbackParser.Parse(body, contentType);
            return true;
        }
        catch (JobCallbackFormatException)
        {
            callback = null;
            return false;
        }
    }
}
