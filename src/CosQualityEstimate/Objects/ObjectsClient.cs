using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CosQualityEstimate.Objects;

/// <summary>
/// Client for the COS object API of one bucket, limited to what the quality workflow needs: upload a local file (single
/// PUT or resumable multipart), read an object's properties, delete it, and list a prefix. Thread-safe; reuse it.
/// </summary>
public class ObjectsClient
{
    private readonly CosHttpPipeline? _pipeline;
    private readonly ObjectsRetryOptions _retry = new();
    private readonly long _multipartThreshold = ObjectsClientOptions.DefaultMultipartThreshold;
    private readonly long _partSize = ObjectsClientOptions.DefaultPartSize;
    private readonly int _maxConcurrency = 4;

    /// <summary>For mocking only: every member of a client built this way throws.</summary>
    protected ObjectsClient()
    {
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Bucket, region, credential and transfer settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public ObjectsClient(ObjectsClientOptions options)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }, options)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>; its BaseAddress and Timeout are not used (set Timeout to infinite: the client owns attempt timeouts).</summary>
    /// <param name="httpClient">The HttpClient to send with.</param>
    /// <param name="options">Bucket, region, credential and transfer settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public ObjectsClient(HttpClient httpClient, ObjectsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ObjectsClientOptionsValidator.ThrowIfInvalid(options);
        Bucket = options.Bucket!;
        Region = options.Region!;
        Endpoint = options.Endpoint ?? new Uri($"https://{options.Bucket}.cos.{options.Region}.myqcloud.com/");
        _retry = options.Retry.Clone();
        _multipartThreshold = options.MultipartThreshold;
        _partSize = options.PartSize;
        _maxConcurrency = options.MaxConcurrency;
        var logger = options.LoggerFactory?.CreateLogger("CosQualityEstimate.Objects") ?? NullLogger.Instance;
        var credentials = options.CredentialProvider ?? new StaticCosCredentialProvider(options.Credential!);
        var signer = new RequestSigner(credentials, options.TimeProvider, options.SignatureValidity, options.SessionTokenHeaderName);
        var resilience = ObjectsResilience.Create(_retry, options.TimeProvider, logger);
        _pipeline = new CosHttpPipeline(httpClient, Endpoint, signer, options.UserAgent ?? DefaultUserAgent, resilience, credentials, options.TimeProvider, logger);
    }

    /// <summary>The default <c>User-Agent</c>: <c>cos-quality-estimate-dotnet/&lt;version&gt;</c>.</summary>
    internal static string DefaultUserAgent { get; } =
        "cos-quality-estimate-dotnet/" + (typeof(ObjectsClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>The bucket, <c>BucketName-APPID</c>.</summary>
    public virtual string Bucket { get; } = string.Empty;

    /// <summary>The bucket's region.</summary>
    public virtual string Region { get; } = string.Empty;

    /// <summary>The object endpoint requests are sent to.</summary>
    public virtual Uri Endpoint { get; } = new("https://localhost/");

    /// <summary>Files above this size are uploaded in parts.</summary>
    internal long MultipartThreshold => _multipartThreshold;

    /// <summary>The preferred part size.</summary>
    internal long PartSize => _partSize;

    private CosHttpPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This ObjectsClient was created for mocking and cannot send requests.");

    /// <summary>
    /// Uploads a local file to <paramref name="objectKey"/>, replacing any object there: one PUT Object up to
    /// <see cref="ObjectsClientOptions.MultipartThreshold"/>, a multipart upload (parts in parallel) above it, resuming an
    /// unfinished multipart upload of the same file when there is one. The file is streamed from disk; the MD5 of every
    /// request's bytes is compared with the ETag the service returns. Every request is retried when that is safe.
    /// </summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="objectKey">The object key, for example <c>videos/a.mp4</c> (no leading '/').</param>
    /// <param name="options">Content type, progress, Content-MD5 and resume settings.</param>
    /// <param name="cancellationToken">Cancels the upload; an interrupted multipart upload is kept so a later call resumes it.</param>
    /// <returns>The stored object's key, size and ETag.</returns>
    /// <exception cref="ArgumentException">The path is empty or a directory, the file cannot be read, is larger than 48.82 TB, or the key is one COS rejects.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CosDataIntegrityException">The service's ETag never matched the MD5 of the bytes sent.</exception>
    /// <exception cref="CosServiceException">The service refused a request.</exception>
    /// <exception cref="IOException">The file changed or could not be read during the upload.</exception>
    public virtual async Task<ObjectUploadResult> UploadFileAsync(string localPath, string objectKey, UploadFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        var file = LocalFile.Open(localPath, nameof(localPath));
        ObjectKeyValidator.Validate(objectKey, nameof(objectKey), forUpload: true);
        options ??= new UploadFileOptions();
        if (options.SkipIfUnchanged && await StoredETagAsync(file, objectKey, cancellationToken).ConfigureAwait(false) is { } storedETag)
        {
            return new ObjectUploadResult(objectKey, file.Length, storedETag, 0, 0, null) { Unchanged = true };
        }

        return await UploadCoreAsync(file, objectKey, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True when <paramref name="objectKey"/> already holds exactly this file: same size, and an ETag equal to the one this
    /// client's upload of the file produces (the MD5, or the multipart form for its part plan). The file is hashed only
    /// when the sizes match.
    /// </summary>
    internal async Task<bool> IsStoredAsync(LocalFile file, string objectKey, CancellationToken cancellationToken) =>
        await StoredETagAsync(file, objectKey, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The stored object's ETag when <paramref name="objectKey"/> already holds exactly this file; otherwise <see langword="null"/>.</summary>
    private async Task<string?> StoredETagAsync(LocalFile file, string objectKey, CancellationToken cancellationToken)
    {
        var stored = await HeadCoreAsync(objectKey, cancellationToken).ConfigureAwait(false);
        if (stored?.ETag is not { } etag || stored.Size != file.Length)
        {
            return null;
        }

        PartPlan? plan = file.Length <= _multipartThreshold ? null : PartPlan.For(file.Length, _partSize);
        var expected = await LocalDigest.ExpectedETagAsync(file, plan, cancellationToken).ConfigureAwait(false);
        return string.Equals(etag.Trim().Trim('"'), expected, StringComparison.OrdinalIgnoreCase) ? etag : null;
    }

    /// <summary>The upload behind <see cref="UploadFileAsync"/>, for internal flows (never the virtual public member).</summary>
    internal async Task<ObjectUploadResult> UploadCoreAsync(LocalFile file, string objectKey, UploadFileOptions options, CancellationToken cancellationToken)
    {
        var contentType = options.ContentType ?? "application/octet-stream";
        if (!MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            throw new ArgumentException($"ContentType \"{contentType}\" is not a valid media type.", nameof(options));
        }

        if (file.Length > PartPlan.MaxObjectSize)
        {
            throw new ArgumentException($"The file is {file.Length} bytes; COS stores objects up to {PartPlan.MaxObjectSize} bytes (48.82 TB).", "localPath");
        }

        var pipeline = Pipeline;
        using var activity = CosDiagnostics.ActivitySource.StartActivity("CosQualityEstimate.UploadFile", ActivityKind.Internal);
        activity?.SetTag("cos.object.size", file.Length);
        var progress = options.Progress is { } p ? new UploadProgressTracker(p, file.Length) : null;
        ObjectUploadResult result;
        if (file.Length <= _multipartThreshold)
        {
            var (etag, requestId) = await PutVerifiedAsync(pipeline, file, objectKey, null, null, 0, file.Length, contentType, options.SendContentMd5, progress, cancellationToken).ConfigureAwait(false);
            result = new ObjectUploadResult(objectKey, file.Length, etag, 0, 0, requestId);
        }
        else
        {
            var uploader = new MultipartUploader(this, pipeline, file, objectKey, PartPlan.For(file.Length, _partSize), contentType, options, progress, _maxConcurrency, _retry.MaxRetries);
            result = await uploader.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        file.ThrowIfChanged();
        progress?.Complete();
        return result;
    }

    /// <summary>Reads an object's size, ETag and times (HEAD Object).</summary>
    /// <param name="objectKey">The object key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The properties, or <see langword="null"/> when there is no such object.</returns>
    /// <exception cref="ArgumentException">The key is one COS rejects.</exception>
    /// <exception cref="CosServiceException">The service refused the request (other than 404).</exception>
    public virtual async Task<ObjectProperties?> GetObjectPropertiesAsync(string objectKey, CancellationToken cancellationToken = default)
    {
        ObjectKeyValidator.Validate(objectKey, nameof(objectKey));
        return await HeadCoreAsync(objectKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>HEAD Object for internal flows (never the virtual public member).</summary>
    internal async Task<ObjectProperties?> HeadCoreAsync(string objectKey, CancellationToken cancellationToken)
    {
        var request = new CosRequest("HeadObject", HttpMethod.Head, "/" + objectKey) { IsIdempotent = true, CaptureHeaders = true };
        CosResponse response;
        try
        {
            response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (CosServiceException ex) when (ex.Status == 404)
        {
            return null;
        }

        var headers = response.Headers!;
        var size = headers.TryGetValue("Content-Length", out var length) ? ObjectXml.ParseLong(length) : -1;
        headers.TryGetValue("ETag", out var etag);
        headers.TryGetValue("Content-Type", out var type);
        headers.TryGetValue("x-cos-hash-crc64ecma", out var crc);
        DateTimeOffset? modified = headers.TryGetValue("Last-Modified", out var lm) && DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new ObjectProperties(objectKey, size, etag, modified, type, crc);
    }

    /// <summary>Deletes an object (DELETE Object). Deleting a key that does not exist succeeds, as in COS.</summary>
    /// <param name="objectKey">The object key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The key is one COS rejects.</exception>
    /// <exception cref="CosServiceException">The service refused the request.</exception>
    public virtual async Task DeleteObjectAsync(string objectKey, CancellationToken cancellationToken = default)
    {
        ObjectKeyValidator.Validate(objectKey, nameof(objectKey));
        var request = new CosRequest("DeleteObject", HttpMethod.Delete, "/" + objectKey) { IsIdempotent = true };
        await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the objects whose keys start with <paramref name="prefix"/>, in key order, fetching pages (GET Bucket) as they are consumed.</summary>
    /// <param name="prefix">Key prefix, for example <c>videos/</c>; all objects when <see langword="null"/> or empty.</param>
    /// <param name="pageSize">Objects per request, 1 to 1000; default 1000.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The objects.</returns>
    /// <exception cref="ArgumentException">The prefix is one COS rejects, or the page size is out of range.</exception>
    public virtual async IAsyncEnumerable<ObjectItem> ListObjectsAsync(string? prefix = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKeyValidator.ValidatePrefix(prefix, nameof(prefix));
        ValidatePageSize(pageSize);
        string? marker = null;
        do
        {
            var page = await GetPageCoreAsync(prefix, marker, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.ContinuationToken;
        }
        while (marker is not null);
    }

    /// <summary>Gets one page of a listing (GET Bucket with <c>prefix</c>, <c>marker</c> and <c>max-keys</c>).</summary>
    /// <param name="prefix">Key prefix; all objects when <see langword="null"/> or empty.</param>
    /// <param name="continuationToken">The previous page's <see cref="ObjectsPage.ContinuationToken"/>; <see langword="null"/> for the first page.</param>
    /// <param name="pageSize">Objects per page, 1 to 1000; default 1000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The prefix is one COS rejects, or the page size is out of range.</exception>
    public virtual Task<ObjectsPage> GetObjectsPageAsync(string? prefix = null, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ObjectKeyValidator.ValidatePrefix(prefix, nameof(prefix));
        ValidatePageSize(pageSize);
        return GetPageCoreAsync(prefix, continuationToken, pageSize, cancellationToken);
    }

    private static void ValidatePageSize(int? pageSize)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "pageSize must be 1 to 1000.");
        }
    }

    private async Task<ObjectsPage> GetPageCoreAsync(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        var request = new CosRequest("ListObjects", HttpMethod.Get, "/") { IsIdempotent = true };
        request.AddQuery("encoding-type", "url");
        if (!string.IsNullOrEmpty(prefix))
        {
            request.AddQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            request.AddQuery("marker", marker);
        }

        request.AddQuery("max-keys", (pageSize ?? 1000).ToString(CultureInfo.InvariantCulture));
        var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ObjectXml.ReadObjectsPage(response);
    }

    /// <summary>
    /// One PUT of bytes <paramref name="offset"/>..+<paramref name="length"/> (PUT Object, or Upload Part when
    /// <paramref name="uploadId"/> is set), retried by the pipeline on transient failures, and resent (up to MaxRetries
    /// times) when the returned ETag is not the MD5 of what was sent. Returns the ETag and request id.
    /// </summary>
    internal async Task<(string ETag, string? RequestId)> PutVerifiedAsync(CosHttpPipeline pipeline, LocalFile file, string key, string? uploadId, int? partNumber, long offset, long length, string contentType, bool sendContentMd5, UploadProgressTracker? progress, CancellationToken cancellationToken)
    {
        byte[]? contentMd5 = sendContentMd5 ? await LocalDigest.ComputeAsync(file, offset, length, cancellationToken).ConfigureAwait(false) : null;
        for (var attempt = 0; ; attempt++)
        {
            FileSegmentContent? last = null;
            var request = new CosRequest(uploadId is null ? "PutObject" : "UploadPart", HttpMethod.Put, "/" + key)
            {
                IsIdempotent = true,
                CaptureHeaders = true,
                ContentFactory = () =>
                {
                    last?.RevokeProgress();
                    last = new FileSegmentContent(file, offset, length, contentType, contentMd5, progress);
                    return last;
                },
            };
            if (uploadId is not null)
            {
                request.AddQuery("partNumber", partNumber!.Value.ToString(CultureInfo.InvariantCulture));
                request.AddQuery("uploadId", uploadId);
            }

            CosResponse response;
            try
            {
                response = await pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                last?.RevokeProgress();
                throw;
            }

            response.Headers!.TryGetValue("ETag", out var etag);
            var sent = last?.SentMd5;
            if (sent is null || etag is null || !LooksLikeMd5(etag) || string.Equals(etag.Trim('"'), Hex.Lower(sent), StringComparison.OrdinalIgnoreCase))
            {
                // Verified, or nothing to verify against (an ETag that is not an MD5, for example with SSE-KMS).
                return (etag ?? string.Empty, response.RequestId);
            }

            last!.RevokeProgress();
            if (attempt >= _retry.MaxRetries)
            {
                throw new CosDataIntegrityException(key, partNumber, Hex.Lower(sent), etag, response.RequestId);
            }
        }
    }

    /// <summary>True for a 32-hex-digit ETag (optionally quoted): the MD5 form that single PUTs and parts get.</summary>
    internal static bool LooksLikeMd5(string etag)
    {
        var value = etag.Trim().Trim('"');
        return value.Length == 32 && value.All(char.IsAsciiHexDigit);
    }
}
