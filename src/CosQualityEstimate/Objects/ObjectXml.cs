using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Http;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Objects;

/// <summary>
/// Reads and writes the object API's XML bodies. Reading goes through the hardened reader (no DTD, no resolver, size
/// already bounded by the pipeline) and <see cref="DepthLimitedXmlReader"/> (nesting refused while reading, before the
/// tree holds it) into an XDocument; unknown elements are ignored.
/// </summary>
internal static class ObjectXml
{
    internal sealed record PartInfo(int PartNumber, long Size, string ETag);

    internal sealed record UploadInfo(string Key, string UploadId, DateTimeOffset? Initiated);

    internal static XElement Load(CosResponse response, string expectedRoot)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(response.Body, writable: false);
            using var reader = CosXml.CreateReader(stream);
            document = XDocument.Load(new DepthLimitedXmlReader(reader));
        }
        catch (XmlException ex)
        {
            throw Unreadable(response, "the XML is malformed.", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != expectedRoot)
        {
            throw Unreadable(response, $"expected a <{expectedRoot}> document.", null);
        }

        return root;
    }

    internal static CosResponseFormatException Unreadable(CosResponse response, string reason, Exception? inner) =>
        new(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, reason, inner);

    internal static string? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    internal static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    internal static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    internal static long ParseLong(string? value) =>
        long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;

    internal static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    /// <summary>Decodes a value of a listing requested with <c>encoding-type=url</c>.</summary>
    internal static string Decode(string value, bool urlEncoded) => urlEncoded ? Uri.UnescapeDataString(value) : value;

    internal static ObjectsPage ReadObjectsPage(CosResponse response)
    {
        var root = Load(response, "ListBucketResult");
        var urlEncoded = string.Equals(Child(root, "EncodingType")?.Trim(), "url", StringComparison.OrdinalIgnoreCase);
        var items = new List<ObjectItem>();
        foreach (var contents in Children(root, "Contents"))
        {
            var key = Child(contents, "Key");
            if (key is null)
            {
                throw Unreadable(response, "a <Contents> element has no <Key>.", null);
            }

            items.Add(new ObjectItem(Decode(key, urlEncoded), ParseLong(Child(contents, "Size")), Child(contents, "ETag"), ParseTime(Child(contents, "LastModified")), Child(contents, "StorageClass")));
        }

        string? next = null;
        if (IsTrue(Child(root, "IsTruncated")))
        {
            var marker = Child(root, "NextMarker");
            next = !string.IsNullOrEmpty(marker) ? Decode(marker, urlEncoded) : items.LastOrDefault()?.Key;
            if (next is null)
            {
                throw Unreadable(response, "the listing is truncated but names no next marker.", null);
            }
        }

        return new ObjectsPage(items, next);
    }

    internal static string ReadUploadId(CosResponse response)
    {
        var root = Load(response, "InitiateMultipartUploadResult");
        var id = Child(root, "UploadId")?.Trim();
        return string.IsNullOrEmpty(id) ? throw Unreadable(response, "no <UploadId> in the answer.", null) : id;
    }

    internal static (List<PartInfo> Parts, int? NextMarker) ReadParts(CosResponse response)
    {
        var root = Load(response, "ListPartsResult");
        var parts = new List<PartInfo>();
        foreach (var part in Children(root, "Part"))
        {
            var number = ParseLong(Child(part, "PartNumber"));
            if (number is < 1 or > PartPlan.MaxParts)
            {
                throw Unreadable(response, "a <Part> has no valid <PartNumber>.", null);
            }

            parts.Add(new PartInfo((int)number, ParseLong(Child(part, "Size")), Child(part, "ETag") ?? string.Empty));
        }

        int? next = null;
        if (IsTrue(Child(root, "IsTruncated")))
        {
            var marker = ParseLong(Child(root, "NextPartNumberMarker"));
            next = marker > 0 ? (int)marker : parts.LastOrDefault()?.PartNumber ?? throw Unreadable(response, "the part list is truncated but names no next marker.", null);
        }

        return (parts, next);
    }

    internal static (List<UploadInfo> Uploads, string? NextKeyMarker, string? NextUploadIdMarker) ReadUploads(CosResponse response)
    {
        var root = Load(response, "ListMultipartUploadsResult");
        var urlEncoded = string.Equals(Child(root, "Encoding-Type")?.Trim() ?? Child(root, "EncodingType")?.Trim(), "url", StringComparison.OrdinalIgnoreCase);
        var uploads = new List<UploadInfo>();
        foreach (var upload in Children(root, "Upload"))
        {
            var key = Child(upload, "Key");
            var id = Child(upload, "UploadId");
            if (key is not null && !string.IsNullOrEmpty(id))
            {
                uploads.Add(new UploadInfo(Decode(key, urlEncoded), id.Trim(), ParseTime(Child(upload, "Initiated"))));
            }
        }

        if (!IsTrue(Child(root, "IsTruncated")))
        {
            return (uploads, null, null);
        }

        var nextKey = Child(root, "NextKeyMarker");
        return (uploads, nextKey is null ? null : Decode(nextKey, urlEncoded), Child(root, "NextUploadIdMarker"));
    }

    /// <summary>The ETag of a Complete answer; a 200 whose body is an <c>&lt;Error&gt;</c> (the upload failed after the headers were sent) becomes a service exception.</summary>
    internal static string ReadCompleteETag(CosResponse response)
    {
        if (LooksLikeError(response.Body))
        {
            var error = ServiceErrorMapper.Map(response.Status, response.Body, response.RequestId, null);
            throw error;
        }

        var root = Load(response, "CompleteMultipartUploadResult");
        var etag = Child(root, "ETag")?.Trim();
        return string.IsNullOrEmpty(etag) ? throw Unreadable(response, "no <ETag> in the answer.", null) : etag;
    }

    private static bool LooksLikeError(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 256));
        return text.Contains("<Error>", StringComparison.Ordinal) && !text.Contains("<CompleteMultipartUploadResult", StringComparison.Ordinal);
    }

    internal static byte[] WriteComplete(IReadOnlyList<PartInfo> parts)
    {
        var builder = new StringBuilder(64 + (parts.Count * 96));
        builder.Append("<CompleteMultipartUpload>");
        foreach (var part in parts)
        {
            builder.Append("<Part><PartNumber>").Append(part.PartNumber.ToString(CultureInfo.InvariantCulture)).Append("</PartNumber><ETag>")
                .Append(System.Security.SecurityElement.Escape(part.ETag)).Append("</ETag></Part>");
        }

        builder.Append("</CompleteMultipartUpload>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
