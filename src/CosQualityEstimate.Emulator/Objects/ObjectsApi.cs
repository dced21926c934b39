using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Xml;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>
/// The emulated COS object API of one bucket: PUT/HEAD/GET/DELETE Object, GET Bucket, and the multipart calls
/// (Initiate, Upload Part, Complete, Abort, List Parts, List Multipart Uploads). Requests arrive authenticated.
/// </summary>
internal sealed class ObjectsApi
{
    /// <summary>Smallest part except the last (COS: 1 MB).</summary>
    internal const long MinPartSize = 1024 * 1024;

    /// <summary>Largest single PUT and largest part (COS: 5 GB).</summary>
    internal const long MaxSinglePutSize = 5L * 1024 * 1024 * 1024;

    /// <summary>Highest part number (COS: 10,000).</summary>
    internal const int MaxPartNumber = 10_000;

    private const int CopyBufferSize = 128 * 1024;

    private readonly ObjectStore _store;
    private readonly string _bucket;
    private readonly string _appId;

    internal ObjectsApi(ObjectStore store, string bucket)
    {
        _store = store;
        _bucket = bucket;
        var dash = bucket.LastIndexOf('-');
        _appId = dash >= 0 ? bucket[(dash + 1)..] : bucket;
    }

    internal async Task<EmulatorResponse> HandleAsync(HttpContext context, List<KeyValuePair<string, string>> query, string requestId)
    {
        var request = context.Request;
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        var key = path.Length > 0 && path[0] == '/' ? path[1..] : path;
        var uploadId = RawQuery.Get(query, "uploadId");

        if (key.Length == 0)
        {
            return request.Method switch
            {
                "GET" when RawQuery.Get(query, "uploads") is not null => ListUploads(query, requestId),
                "GET" => ListObjects(query, requestId),
                "HEAD" => new EmulatorResponse(200, Responses.XmlContentType, Array.Empty<byte>()),
                _ => Error(405, ObjectErrorCodes.MethodNotAllowed, $"The method {request.Method} is not allowed on the bucket.", requestId),
            };
        }

        switch (request.Method)
        {
            case "PUT" when uploadId is not null:
                return await UploadPartAsync(request, key, uploadId, query, requestId).ConfigureAwait(false);
            case "PUT":
                return await PutObjectAsync(request, key, requestId).ConfigureAwait(false);
            case "POST" when RawQuery.Get(query, "uploads") is not null:
                return Initiate(key);
            case "POST" when uploadId is not null:
                return await CompleteAsync(request, key, uploadId, requestId).ConfigureAwait(false);
            case "GET" when uploadId is not null:
                return ListParts(key, uploadId, query, requestId);
            case "GET":
            case "HEAD":
                return GetObject(key, request.Method == "HEAD", requestId);
            case "DELETE" when uploadId is not null:
                return Abort(key, uploadId, requestId);
            case "DELETE":
                _store.Delete(key);
                return new EmulatorResponse(204, Responses.XmlContentType, Array.Empty<byte>());
            default:
                return Error(405, ObjectErrorCodes.MethodNotAllowed, $"The method {request.Method} is not allowed on an object.", requestId);
        }
    }

    private static EmulatorResponse Error(int status, string code, string message, string requestId) =>
        Responses.Error(status, code, message, requestId);

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    private EmulatorResponse GetObject(string key, bool headOnly, string requestId)
    {
        if (_store.Get(key) is not { } stored)
        {
            return headOnly
                ? new EmulatorResponse(404, Responses.XmlContentType, Array.Empty<byte>())
                : Error(404, ObjectErrorCodes.NoSuchKey, "The specified key does not exist.", requestId);
        }

        var headers = new[]
        {
            Header("ETag", stored.ETag),
            Header("Last-Modified", stored.LastModified.ToString("R", CultureInfo.InvariantCulture)),
            Header("x-cos-storage-class", "STANDARD"),
        };
        var paths = stored.ContentPaths;
        return new EmulatorResponse(200, stored.ContentType, Array.Empty<byte>())
        {
            Headers = headers,
            BodyLength = stored.Size,
            WriteBody = headOnly ? null : async (body, cancellationToken) =>
            {
                var content = new ConcatenatedFileStream(paths);
                await using (content.ConfigureAwait(false))
                {
                    await content.CopyToAsync(body, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                }
            },
        };
    }

    private async Task<EmulatorResponse> PutObjectAsync(HttpRequest request, string key, string requestId)
    {
        var received = await ReceiveAsync(request, MaxSinglePutSize, requestId).ConfigureAwait(false);
        if (received.Error is { } error)
        {
            return error;
        }

        var stored = _store.Put(key, [received.Path!], received.Size, "\"" + Convert.ToHexStringLower(received.Md5!) + "\"", request.ContentType);
        return new EmulatorResponse(200, Responses.XmlContentType, Array.Empty<byte>())
        {
            Headers = new[] { Header("ETag", stored.ETag) },
        };
    }

    private EmulatorResponse Initiate(string key)
    {
        var upload = _store.Initiate(key);
        using var xml = new ObjectXmlWriter("InitiateMultipartUploadResult");
        xml.Element("Bucket", _bucket).Element("Key", key).Element("UploadId", upload.UploadId);
        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    private async Task<EmulatorResponse> UploadPartAsync(HttpRequest request, string key, string uploadId, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (!int.TryParse(RawQuery.Get(query, "partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) || partNumber is < 1 or > MaxPartNumber)
        {
            return Error(400, ObjectErrorCodes.InvalidArgument, $"partNumber must be 1 to {MaxPartNumber}.", requestId);
        }

        if (_store.FindUpload(key, uploadId) is not { } upload)
        {
            return Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);
        }

        var received = await ReceiveAsync(request, MaxSinglePutSize, requestId).ConfigureAwait(false);
        if (received.Error is { } error)
        {
            return error;
        }

        var part = new StoredPart(partNumber, received.Path!, received.Size, received.Md5!, _store.Now);
        if (!_store.PutPart(upload, part))
        {
            ObjectStore.DeleteQuietly(received.Path);
            return Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);
        }

        return new EmulatorResponse(200, Responses.XmlContentType, Array.Empty<byte>())
        {
            Headers = new[] { Header("ETag", part.ETag) },
        };
    }

    private async Task<EmulatorResponse> CompleteAsync(HttpRequest request, string key, string uploadId, string requestId)
    {
        if (_store.FindUpload(key, uploadId) is not { } upload)
        {
            return Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);
        }

        List<(int PartNumber, string ETag)>? listed;
        try
        {
            listed = await ReadCompleteBodyAsync(request).ConfigureAwait(false);
        }
        catch (XmlException)
        {
            listed = null;
        }

        if (listed is null || listed.Count == 0)
        {
            return Error(400, ObjectErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against the schema.", requestId);
        }

        var stored = _store.Parts(upload).ToDictionary(p => p.PartNumber);
        var parts = new List<StoredPart>(listed.Count);
        var previous = 0;
        foreach (var (number, etag) in listed)
        {
            if (number <= previous)
            {
                return Error(400, ObjectErrorCodes.InvalidPartOrder, "The list of parts was not in ascending order.", requestId);
            }

            previous = number;
            if (!stored.TryGetValue(number, out var part) || !string.Equals(part.ETag.Trim('"'), etag.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase))
            {
                return Error(400, ObjectErrorCodes.InvalidPart, $"Part {number} was not uploaded or its ETag does not match.", requestId);
            }

            parts.Add(part);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Size < MinPartSize)
            {
                return Error(400, ObjectErrorCodes.EntityTooSmall, $"Part {parts[i].PartNumber} is smaller than the 1 MB minimum; only the last part may be smaller.", requestId);
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
            return Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);
        }

        // Parts uploaded but not listed in the request are discarded, as COS does.
        ObjectStore.DeleteAll(stored.Values.Where(p => !parts.Contains(p)).Select(p => p.ContentPath));
        var etagValue = "\"" + Convert.ToHexStringLower(etagHash.GetHashAndReset()) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
        _store.Put(key, parts.Select(p => p.ContentPath).ToList(), size, etagValue, null);
        using var xml = new ObjectXmlWriter("CompleteMultipartUploadResult");
        xml.Element("Location", $"{_bucket}.cos.emulator/{key}").Element("Bucket", _bucket).Element("Key", key).Element("ETag", etagValue);
        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    private EmulatorResponse Abort(string key, string uploadId, string requestId)
    {
        if (_store.FindUpload(key, uploadId) is not { } upload || !_store.EndUpload(upload, deleteParts: true))
        {
            return Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);
        }

        return new EmulatorResponse(204, Responses.XmlContentType, Array.Empty<byte>());
    }

    private EmulatorResponse ListParts(string key, string uploadId, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (_store.FindUpload(key, uploadId) is not { } upload)
        {
            return Error(404, ObjectErrorCodes.NoSuchUpload, "The specified upload does not exist.", requestId);
        }

        if (!TryGetInt(query, "max-parts", 1000, out var maxParts) || !TryGetInt(query, "part-number-marker", 0, out var marker))
        {
            return Error(400, ObjectErrorCodes.InvalidArgument, "max-parts and part-number-marker must be non-negative integers.", requestId);
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

    private EmulatorResponse ListUploads(List<KeyValuePair<string, string>> query, string requestId)
    {
        if (!TryGetInt(query, "max-uploads", 1000, out var maxUploads) || maxUploads is < 1 or > 1000)
        {
            return Error(400, ObjectErrorCodes.InvalidArgument, "max-uploads must be 1 to 1000.", requestId);
        }

        var prefix = RawQuery.Get(query, "prefix") ?? string.Empty;
        var keyMarker = RawQuery.Get(query, "key-marker") ?? string.Empty;
        var uploadIdMarker = RawQuery.Get(query, "upload-id-marker") ?? string.Empty;
        var urlEncoded = string.Equals(RawQuery.Get(query, "encoding-type"), "url", StringComparison.OrdinalIgnoreCase);
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

    private EmulatorResponse ListObjects(List<KeyValuePair<string, string>> query, string requestId)
    {
        if (!TryGetInt(query, "max-keys", 1000, out var maxKeys) || maxKeys > 1000)
        {
            return Error(400, ObjectErrorCodes.InvalidArgument, "max-keys must be 0 to 1000.", requestId);
        }

        var prefix = RawQuery.Get(query, "prefix") ?? string.Empty;
        var marker = RawQuery.Get(query, "marker") ?? string.Empty;
        var delimiter = RawQuery.Get(query, "delimiter") ?? string.Empty;
        var urlEncoded = string.Equals(RawQuery.Get(query, "encoding-type"), "url", StringComparison.OrdinalIgnoreCase);

        var contents = new List<StoredObject>();
        var commonPrefixes = new List<string>();
        string? last = null;
        var truncated = false;
        foreach (var stored in _store.ListFrom(prefix, marker))
        {
            string? common = null;
            if (delimiter.Length > 0)
            {
                var at = stored.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    common = stored.Key[..(at + delimiter.Length)];
                    if (commonPrefixes.Count > 0 && commonPrefixes[^1] == common)
                    {
                        continue;
                    }

                    if (string.CompareOrdinal(common, marker) <= 0)
                    {
                        continue; // a common prefix already returned on an earlier page
                    }
                }
            }

            if (contents.Count + commonPrefixes.Count >= maxKeys)
            {
                truncated = true;
                break;
            }

            if (common is not null)
            {
                commonPrefixes.Add(common);
                last = common;
            }
            else
            {
                contents.Add(stored);
                last = stored.Key;
            }
        }

        using var xml = new ObjectXmlWriter("ListBucketResult");
        xml.Element("Name", _bucket);
        if (urlEncoded)
        {
            xml.Element("EncodingType", "url");
        }

        xml.Element("Prefix", Encode(prefix, urlEncoded)).Element("Marker", Encode(marker, urlEncoded)).Element("MaxKeys", maxKeys);
        if (delimiter.Length > 0)
        {
            xml.Element("Delimiter", Encode(delimiter, urlEncoded));
        }

        xml.Element("IsTruncated", truncated);
        if (truncated && last is not null)
        {
            xml.Element("NextMarker", Encode(last, urlEncoded));
        }

        foreach (var common in commonPrefixes)
        {
            xml.Start("CommonPrefixes").Element("Prefix", Encode(common, urlEncoded)).End();
        }

        foreach (var stored in contents)
        {
            xml.Start("Contents").Element("Key", Encode(stored.Key, urlEncoded)).Element("LastModified", ObjectXmlWriter.Time(stored.LastModified))
                .Element("ETag", stored.ETag).Element("Size", stored.Size).Owner("Owner", _appId).Element("StorageClass", "STANDARD").End();
        }

        return new EmulatorResponse(200, Responses.XmlContentType, xml.ToArray());
    }

    private static string Encode(string value, bool urlEncoded) => urlEncoded ? Uri.EscapeDataString(value) : value;

    private static bool TryGetInt(List<KeyValuePair<string, string>> query, string name, int fallback, out int value)
    {
        var raw = RawQuery.Get(query, name);
        if (string.IsNullOrEmpty(raw))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Streams the request body to a new content file, hashing it; checks Content-Length, the size limit and Content-MD5.</summary>
    private async Task<Received> ReceiveAsync(HttpRequest request, long maxSize, string requestId)
    {
        if (request.ContentLength is not long declared)
        {
            return new Received(Error(411, ObjectErrorCodes.MissingContentLength, "The request must carry Content-Length.", requestId));
        }

        if (declared > maxSize)
        {
            return new Received(Error(400, ObjectErrorCodes.EntityTooLarge, $"The body exceeds the {maxSize}-byte limit of one request.", requestId));
        }

        byte[]? expectedMd5 = null;
        var contentMd5 = request.Headers["Content-MD5"].ToString();
        if (contentMd5.Length > 0)
        {
            expectedMd5 = new byte[16];
            if (!Convert.TryFromBase64String(contentMd5, expectedMd5, out var written) || written != 16)
            {
                return new Received(Error(400, ObjectErrorCodes.InvalidDigest, "The Content-MD5 you specified is not valid.", requestId));
            }
        }

        var path = _store.NewContentPath();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long size = 0;
        var keep = false;
        try
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[CopyBufferSize];
                int read;
                while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), request.HttpContext.RequestAborted).ConfigureAwait(false);
                    size += read;
                }
            }

            var digest = md5.GetHashAndReset();
            if (expectedMd5 is not null && !CryptographicOperations.FixedTimeEquals(digest, expectedMd5))
            {
                return new Received(Error(400, ObjectErrorCodes.BadDigest, "The Content-MD5 you specified did not match what was received.", requestId));
            }

            keep = true;
            return new Received(null) { Path = path, Size = size, Md5 = digest };
        }
        finally
        {
            if (!keep)
            {
                ObjectStore.DeleteQuietly(path);
            }
        }
    }

    /// <summary>Reads <c>&lt;CompleteMultipartUpload&gt;&lt;Part&gt;&lt;PartNumber/&gt;&lt;ETag/&gt;&lt;/Part&gt;…</c> through the hardened reader.</summary>
    private static async Task<List<(int PartNumber, string ETag)>?> ReadCompleteBodyAsync(HttpRequest request)
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

        buffer.Position = 0;
        using var reader = EmulatorXml.CreateReader(buffer);
        var document = XDocument.Load(reader);
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

    private sealed record Received(EmulatorResponse? Error)
    {
        internal string? Path { get; init; }

        internal long Size { get; init; }

        internal byte[]? Md5 { get; init; }
    }
}
