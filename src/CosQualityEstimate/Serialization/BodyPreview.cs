using System.Text;

namespace CosQualityEstimate.Serialization;

/// <summary>Safe excerpts of response bodies for exception messages: bounded, control characters replaced.</summary>
internal static class BodyPreview
{
    internal const int MaxChars = 256;

    internal static string Create(ReadOnlySpan<byte> body)
    {
        var slice = body.Length > MaxChars * 4 ? body[..(MaxChars * 4)] : body;
        var text = Encoding.UTF8.GetString(slice);
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        return Sanitize(text);
    }

    /// <summary>The first <paramref name="maxChars"/> characters of <paramref name="text"/>, control characters replaced (never splits a surrogate pair).</summary>
    internal static string Create(string? text, int maxChars)
    {
        if (string.IsNullOrEmpty(text) || maxChars <= 0)
        {
            return string.Empty;
        }

        if (text.Length > maxChars)
        {
            var cut = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
            text = text[..cut];
        }

        return Sanitize(text);
    }

    private static string Sanitize(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c == '\n' || c == '\r' || c == '\t' ? ' ' : char.IsControl(c) ? '?' : c;
            }
        });

    /// <summary>Finds the first <c>&lt;JobId&gt;…&lt;/JobId&gt;</c> (or JSON <c>"JobId":"…"</c>) in an unreadable body, so that a job id is not lost with the body.</summary>
    internal static string? FindJobId(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Length > CosXml.MaxBodyBytes ? body[..CosXml.MaxBodyBytes] : body);
        var start = text.IndexOf("<JobId>", StringComparison.Ordinal);
        if (start >= 0)
        {
            start += "<JobId>".Length;
            var end = text.IndexOf('<', start);
            return end > start ? Clean(text[start..end]) : null;
        }

        return null;
    }

    private static string? Clean(string candidate)
    {
        var value = candidate.Trim();
        if (value.Length == 0 || value.Length > 128)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return null;
            }
        }

        return value;
    }
}
