using System.Globalization;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Xml;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>Reads the body of a Complete Multipart Upload request: the parts to join, in the caller's order.</summary>
internal static class CompleteMultipartUploadBody
{
    /// <summary>
    /// Reads <c>&lt;CompleteMultipartUpload&gt;&lt;Part&gt;&lt;PartNumber/&gt;&lt;ETag/&gt;&lt;/Part&gt;…</c> through <see cref="EmulatorXml.Load"/> (hardened, depth refused while reading).
    /// Returns <see langword="null"/> for a body that is too large or not of that shape; throws <see cref="System.Xml.XmlException"/> for one that is not XML.
    /// </summary>
    internal static async Task<List<(int PartNumber, string ETag)>?> ReadAsync(HttpRequest request, XmlReadMeter? meter)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > EmulatorXml.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var document = EmulatorXml.Load(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), meter);
        if (document.Root?.Name.LocalName != "CompleteMultipartUpload")
        {
            return null;
        }

        var result = new List<(int, string)>();
        foreach (var part in document.Root.Elements().Where(e => e.Name.LocalName == "Part"))
        {
            var number = part.Elements().FirstOrDefault(e => e.Name.LocalName == "PartNumber")?.Value.Trim();
            var etag = part.Elements().FirstOrDefault(e => e.Name.LocalName == "ETag")?.Value;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || etag is null)
            {
                return null;
            }

            result.Add((n, etag));
        }

        return result;
    }
}
