using CosQualityEstimate.Emulator.Xml;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using CosQualityEstimate.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>
/// The emulated multipart calls of one bucket: Initiate, Upload Part, Complete, Abort, List Parts and List Multipart Uploads.
/// </summary>
internal sealed class MultipartUploadRoutes
{
    private readonly ObjectStore _store;
    private readonly ObjectBodyReceiver _receiver;
    private readonly string _bucket;
    private readonly string _appId;
    private readonly XmlReadMeter? _xmlMeter;

    internal MultipartUploadRoutes(ObjectStore store, ObjectBodyReceiver receiver, string bucket, string appId, XmlReadMeter? xmlMeter = null)
    {
        _xmlMeter = xmlMeter;
        _store = store;
        _receiver = receiver;
        _bucket = bucket;
        _appId = appId;
    }

    internal EmulatorResponse Initiate(string key)
    {
        var upload = _store.Initiate(key);
        using var xml = new ObjectXmlWriter("InitiateMultipartUploadResult");
        xml.Element("Bucket", _bucket).Element("Key", key).Element("UploadId", upload.UploadId);
        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    internal async Task<EmulatorResponse> UploadPartAsync(HttpRequest request, string key, string uploadId, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (!int.TryParse(RawQuery.Get(query, "partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) || partNumber is < 1 or > ObjectsApi.MaxPartNumber)
        {
            return Responses.Error(400, ObjectErrorCodes.InvalidArgument, $"partNumber must be 1 to {ObjectsApi.MaxPartNumber}.", requestId);
        }

        if (_store.FindUpload(key, uploadId) is not { } upload)
        {
            return NoSuchUpload(requestId);
        }

        var received = await _receiver.ReceiveAsync(request, ObjectsApi.MaxSinglePutSize, requestId).ConfigureAwait(false);
        if (received.Error is { } error)
        {
            return error;
        }

        var part = new StoredPart(partNumber, received.Path!, received.Size, received.Md5!, _store.Now);
        if (!_store.PutPart(upload, part))
        {
            ObjectStore.DeleteQuietly(received.Path);
            return NoSuchUpload(requestId);
        }

        return new EmulatorResponse(200, Responses.XmlContentType, Array.Empty<byte>())
        {
            Headers = new[] { new KeyValuePair<string, string>("ETag", part.ETag) },
        };
    }

    internal async Task<EmulatorResponse> CompleteAsync(HttpRequest request, string key, string uploadId, string requestId)
    {
        if (_store.FindUpload(key, uploadId) is not { } upload)
        {
            return NoSuchUpload(requestId);
        }

        List<(int PartNumber, string ETag)>? listed;
        try
        {
            listed = await CompleteMultipartUploadBody.ReadAsync(request, _xmlMeter).ConfigureAwait(false);
        }
        catch (XmlException)
        {
            listed = null;
        }

        if (listed is null || listed.Count == 0)
        {
            return Responses.Error(400, ObjectErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against the schema.", requestId);
        }

        var stored = _store.Parts(upload).ToDictionary(p => p.PartNumber);
        var parts = new List<StoredPart>(listed.Count);
        var previous = 0;
        foreach (var (number, etag) in listed)
        {
            if (number <= previous)
            {
                return Responses.Error(400, ObjectErrorCodes.InvalidPartOrder, "The list of parts was not in ascending order.", requestId);
            }

            previous = number;
            if (!stored.TryGetValue(number, out var part) || !string.Equals(part.ETag.Trim('"'), etag.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase))
            {
                return Responses.Error(400, ObjectErrorCodes.InvalidPart, $"Part {number} was not uploaded or its ETag does not match.", requestId);
            }

            parts.Add(part);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Size < ObjectsApi.MinPartSize)
            {
                return Responses.Error(400, ObjectErrorCodes.EntityTooSmall, $"Part {parts[i].PartNumber} is smaller than the 1 MB minimum; only the last part may be smaller.", requestId);
            }
        }

        long size = 0;
        using var etagHash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var part in parts)
        {
            size += part.Size;
            etagHash.AppendData(part.Md5);
        }

        if (!_store.EndUpload(upload, deleteParts: false))
        {
            return NoSuchUpload(requestId);
        }

        // Parts uploaded but not listed in the request are discarded, as COS does.
        ObjectStore.DeleteAll(stored.Values.Where(p => !parts.Contains(p)).Select(p => p.ContentPath));
        var etagValue = "\"" + Convert.ToHexStringLower(etagHash.GetHashAndReset()) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
        _store.Put(key, parts.Select(p => p.ContentPath).ToList(), size, etagValue, null);
        using var xml = new ObjectXmlWriter("CompleteMultipartUploadResult");
        xml.Element("Location", $"{_bucket}.cos.emulator/{key}").Element("Bucket", _bucket).Element("Key", key).Element("ETag", etagValue);
        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    internal EmulatorResponse Abort(string key, string uploadId, string requestId)
    {
        if (_store.FindUpload(key, uploadId) is not { } upload || !_store.EndUpload(upload, deleteParts: true))
        {
            return NoSuchUpload(requestId);
        }

        return new EmulatorResponse(204, Responses.XmlContentType, Array.Empty<byte>());
    }

    internal EmulatorResponse ListParts(string key, string uploadId, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (_store.FindUpload(key, uploadId) is not { } upload)
        {
            return NoSuchUpload(requestId);
        }

        if (!ObjectQueryValues.TryGetInt(query, "max-parts", 1000, out var maxParts) || !ObjectQueryValues.TryGetInt(query, "part-number-marker", 0, out var marker))
        {
            return Responses.Error(400, ObjectErrorCodes.InvalidArgument, "max-parts and part-number-marker must be non-negative integers.", requestId);
        }

        var after = _store.Parts(upload).Where(p => p.PartNumber > marker).ToList();
        var page = after.Take(maxParts).ToList();
        var truncated = after.Count > page.Count;
        using var xml = new ObjectXmlWriter("ListPartsResult");
        xml.Element("Bucket", _bucket).Element("Encoding-type", string.Empty).Element("Key", key).Element("UploadId", uploadId)
            .Owner("Initiator", _appId).Owner("Owner", _appId).Element("StorageClass", "STANDARD")
            .Element("PartNumberMarker", marker)
            .Element("NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber : marker)
            .Element("MaxParts", maxParts).Element("IsTruncated", truncated);
        foreach (var part in page)
        {
            xml.Start("Part").Element("PartNumber", part.PartNumber).Element("LastModified", ObjectXmlWriter.Time(part.LastModified))
                .Element("ETag", part.ETag).Element("Size", part.Size).End();
        }

        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    internal EmulatorResponse ListUploads(List<KeyValuePair<string, string>> query, string requestId)
    {
        if (!ObjectQueryValues.TryGetInt(query, "max-uploads", 1000, out var maxUploads) || maxUploads is < 1 or > 1000)
        {
            return Responses.Error(400, ObjectErrorCodes.InvalidArgument, "max-uploads must be 1 to 1000.", requestId);
        }

        var prefix = RawQuery.Get(query, "prefix") ?? string.Empty;
        var keyMarker = RawQuery.Get(query, "key-marker") ?? string.Empty;
        var uploadIdMarker = RawQuery.Get(query, "upload-id-marker") ?? string.Empty;
        var urlEncoded = ObjectQueryValues.IsUrlEncoded(query);
        var matches = _store.Uploads()
            .Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Where(u =>
            {
                var byKey = string.CompareOrdinal(u.Key, keyMarker);
                return byKey > 0 || (byKey == 0 && uploadIdMarker.Length > 0 && string.CompareOrdinal(u.UploadId, uploadIdMarker) > 0);
            })
            .ToList();
        var page = matches.Take(maxUploads).ToList();
        var truncated = matches.Count > page.Count;
        using var xml = new ObjectXmlWriter("ListMultipartUploadsResult");
        xml.Element("Bucket", _bucket).Element("Encoding-Type", urlEncoded ? "url" : string.Empty)
            .Element("KeyMarker", Encode(keyMarker, urlEncoded)).Element("UploadIdMarker", uploadIdMarker)
            .Element("NextKeyMarker", truncated ? Encode(page[^1].Key, urlEncoded) : string.Empty)
            .Element("NextUploadIdMarker", truncated ? page[^1].UploadId : string.Empty)
            .Element("MaxUploads", maxUploads).Element("IsTruncated", truncated).Element("Prefix", Encode(prefix, urlEncoded));
        foreach (var upload in page)
        {
            xml.Start("Upload").Element("Key", Encode(upload.Key, urlEncoded)).Element("UploadId", upload.UploadId).Element("StorageClass", "STANDARD")
                .Owner("Initiator", _appId).Owner("Owner", _appId).Element("Initiated", ObjectXmlWriter.Time(upload.Initiated)).End();
        }

        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    private static EmulatorResponse NoSuchUpload(string requestId) =>
        Responses.Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);

    private static string Encode(string value, bool urlEncoded) => ObjectQueryValues.Encode(value, urlEncoded);
}
