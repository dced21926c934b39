using System.Globalization;
using CosQualityEstimate.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>
/// The emulated COS object API of one bucket: PUT/HEAD/GET/DELETE Object, GET Bucket, and the multipart calls
/// (Initiate, Upload Part, Complete, Abort, List Parts, List Multipart Uploads), and CI's GetSnapshot
/// (<see cref="Snapshots.SnapshotRoute"/>). Requests arrive authenticated.
/// This type routes each request and serves the single-object calls; <see cref="MultipartUploadRoutes"/> serves the
/// multipart calls and <see cref="BucketListing"/> serves GET Bucket.
/// </summary>
internal sealed class ObjectsApi
{
    /// <summary>Smallest part except the last (COS: 1 MB).</summary>
    internal const long MinPartSize = 1024 * 1024;

    /// <summary>Largest single PUT and largest part (COS: 5 GB).</summary>
    internal const long MaxSinglePutSize = 5L * 1024 * 1024 * 1024;

    /// <summary>Highest part number (COS: 10,000).</summary>
    internal const int MaxPartNumber = 10_000;

    /// <summary>The buffer size for streaming object content in and out.</summary>
    internal const int CopyBufferSize = 128 * 1024;

    private readonly ObjectStore _store;
    private readonly ObjectBodyReceiver _receiver;
    private readonly MultipartUploadRoutes _multipart;
    private readonly BucketListing _listing;
    private readonly Snapshots.SnapshotRoute _snapshots;
    private long _snapshotRequests;

    /// <summary>GetSnapshot requests received so far.</summary>
    internal long SnapshotRequestCount => Interlocked.Read(ref _snapshotRequests);

    internal ObjectsApi(ObjectStore store, string bucket, Xml.XmlReadMeter? xmlMeter = null, LocalAnalysis.Snapshots.LocalFrameExtractor? frames = null)
    {
        _store = store;
        _snapshots = new Snapshots.SnapshotRoute(store, frames);
        var dash = bucket.LastIndexOf('-');
        var appId = dash >= 0 ? bucket[(dash + 1)..] : bucket;
        _receiver = new ObjectBodyReceiver(store);
        _multipart = new MultipartUploadRoutes(store, _receiver, bucket, appId, xmlMeter);
        _listing = new BucketListing(store, bucket, appId);
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
                "GET" when RawQuery.Get(query, "uploads") is not null => _multipart.ListUploads(query, requestId),
                "GET" => _listing.ListObjects(query, requestId),
                "HEAD" => new EmulatorResponse(200, Responses.XmlContentType, Array.Empty<byte>()),
                _ => Responses.Error(405, ObjectErrorCodes.MethodNotAllowed, $"The method {request.Method} is not allowed on the bucket.", requestId),
            };
        }

        switch (request.Method)
        {
            case "PUT" when uploadId is not null:
                return await _multipart.UploadPartAsync(request, key, uploadId, query, requestId).ConfigureAwait(false);
            case "PUT":
                return await PutObjectAsync(request, key, requestId).ConfigureAwait(false);
            case "POST" when RawQuery.Get(query, "uploads") is not null:
                return _multipart.Initiate(key);
            case "POST" when uploadId is not null:
                return await _multipart.CompleteAsync(request, key, uploadId, requestId).ConfigureAwait(false);
            case "GET" when uploadId is not null:
                return _multipart.ListParts(key, uploadId, query, requestId);
            case "GET" when Snapshots.SnapshotRoute.IsSnapshot(query):
                Interlocked.Increment(ref _snapshotRequests);
                return await _snapshots.GetAsync(key, query, requestId, context.RequestAborted).ConfigureAwait(false);
            case "GET":
            case "HEAD":
                return GetObject(key, request.Method == "HEAD", requestId);
            case "DELETE" when uploadId is not null:
                return _multipart.Abort(key, uploadId, requestId);
            case "DELETE":
                _store.Delete(key);
                return new EmulatorResponse(204, Responses.XmlContentType, Array.Empty<byte>());
            default:
                return Responses.Error(405, ObjectErrorCodes.MethodNotAllowed, $"The method {request.Method} is not allowed on an object.", requestId);
        }
    }

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    private EmulatorResponse GetObject(string key, bool headOnly, string requestId)
    {
        if (_store.Get(key) is not { } stored)
        {
            return headOnly
                ? new EmulatorResponse(404, Responses.XmlContentType, Array.Empty<byte>())
                : Responses.Error(404, ObjectErrorCodes.NoSuchKey, "The specified key does not exist.", requestId);
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
        var received = await _receiver.ReceiveAsync(request, MaxSinglePutSize, requestId).ConfigureAwait(false);
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
}
