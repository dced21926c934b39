using System.Text;
using System.Text.Json;
using System.Xml;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a job callback body. Chooses XML or JSON from the body's first non-whitespace character (<c>&lt;</c> is XML,
/// <c>{</c> or <c>[</c> is JSON) and falls back to the Content-Type when that character decides nothing. XML goes through
/// the hardened <see cref="CosXml"/> reader (element depth at most 64), JSON through <see cref="JsonDocument"/> (MaxDepth 64) and
/// <see cref="JsonCallbackReader"/>; both end in <see cref="JobDetailConverter"/>. Every failure becomes a
/// <see cref="JobCallbackFormatException"/>.
/// </summary>
internal static class JobCallbackParser
{
    /// <summary>Deepest JSON nesting accepted (a real callback is under 10 levels deep).</summary>
    internal const int MaxJsonDepth = 64;

    /// <summary>Deepest XML element nesting accepted, the root being level 1 (a real callback is under 10 levels deep).</summary>
    internal const int MaxXmlDepth = 64;

    private const int MaxDetailChars = 160;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Parses a UTF-8 body: size limit in bytes, BOM skipped, then as text.</summary>
    internal static JobCallback ParseUtf8(ReadOnlySpan<byte> utf8Body, string? contentType)
    {
        if (utf8Body.Length > CosXml.MaxBodyBytes)
        {
            var preview = Encoding.UTF8.GetString(utf8Body[..Math.Min(utf8Body.Length, JobCallbackFormatException.MaxPreviewChars * 4)]);
            throw new JobCallbackFormatException(
                $"the body is {utf8Body.Length} bytes, over the {CosXml.MaxBodyBytes}-byte limit.",
                BodyPreview.Create(preview, JobCallbackFormatException.MaxPreviewChars),
                null);
        }

        if (utf8Body.StartsWith("\uFEFF"u8))
        {
            utf8Body = utf8Body[3..];
        }

        return Parse(Encoding.UTF8.GetString(utf8Body), contentType);
    }

    internal static JobCallback Parse(string? body, string? contentType)
    {
        if (body is null || body.Length == 0)
        {
            throw Error(body, "the body is empty.", null);
        }

        if (body.Length > CosXml.MaxBodyBytes)
        {
            throw Error(body, $"the body is {body.Length} characters, over the {CosXml.MaxBodyBytes}-character limit.", null);
        }

        var start = SkipWhitespace(body);
        if (start == body.Length)
        {
            throw Error(body, "the body is only whitespace.", null);
        }

        var text = start == 0 ? body : body[start..];
        return DetectFormat(text[0], contentType) switch
        {
            CallbackFormat.Xml => ParseXml(body, text),
            CallbackFormat.Json => ParseJson(body, text),
            _ => throw Error(body, "the body is neither XML (starts with '<') nor JSON (starts with '{').", null),
        };
    }

    internal static CallbackFormat? DetectFormat(char first, string? contentType)
    {
        switch (first)
        {
            case '<':
                return CallbackFormat.Xml;
            case '{':
            case '[':
                return CallbackFormat.Json;
        }

        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var separator = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (separator >= 0 ? contentType[..separator] : contentType).Trim();
        if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return CallbackFormat.Json;
        }

        return mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) ? CallbackFormat.Xml : null;
    }

    private static JobCallback ParseXml(string body, string text)
    {
        JobsResponseXml wire;
        try
        {
            JobsResponseReader.CheckDepth(text);
            wire = JobsResponseReader.Read(text);
        }
        catch (Exception ex) when (ex is InvalidOperationException or XmlException or FormatException or OverflowException)
        {
            throw Error(body, "the body is not a well-formed XML <Response> document" + Detail(ex), ex);
        }

        return new JobCallback(wire.EventName?.Trim() ?? string.Empty, JobDetailConverter.ToPublic(wire.JobsDetail), CallbackFormat.Xml);
    }

    private static JobCallback ParseJson(string body, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(body, $"the JSON root is {Describe(root.ValueKind)}, not an object with EventName and JobsDetail.", null);
            }

            // Tolerate the XML layout carried over to JSON: {"Response": {"EventName": ..., "JobsDetail": ...}}.
            if (!JsonLenient.TryGet(root, "EventName", out _) && !JsonLenient.TryGet(root, "JobsDetail", out _)
                && JsonLenient.TryGet(root, "Response", out var response) && response.ValueKind == JsonValueKind.Object)
            {
                root = response;
            }

            var wire = JsonCallbackReader.Read(root);
            return new JobCallback(wire.EventName?.Trim() ?? string.Empty, JobDetailConverter.ToPublic(wire.JobsDetail), CallbackFormat.Json);
        }
        catch (JsonException ex)
        {
            throw Error(body, "the body is not well-formed JSON" + Detail(ex), ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or System.Xml.XmlException && ex is not JobCallbackFormatException)
        {
            // For example a lone surrogate in a string (InvalidOperationException from GetString) or a property name
            // that is not a valid XML name for MediaInfo: still a bad body, never a crash of the webhook.
            throw Error(body, "the JSON body has a value this parser cannot accept", ex);
        }
    }

    private static int SkipWhitespace(string body)
    {
        var i = 0;
        while (i < body.Length && (char.IsWhiteSpace(body[i]) || body[i] == '\uFEFF'))
        {
            i++;
        }

        return i;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "not a value",
    };

    private static string Detail(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var detail = BodyPreview.Create(inner.Message, MaxDetailChars).TrimEnd();
        if (detail.Length == 0)
        {
            return ".";
        }

        return inner.Message.Length > MaxDetailChars ? $": {detail}…" : $": {detail}";
    }

    private static JobCallbackFormatException Error(string? body, string reason, Exception? inner) =>
        new(reason, BodyPreview.Create(body, JobCallbackFormatException.MaxPreviewChars), inner);
}
