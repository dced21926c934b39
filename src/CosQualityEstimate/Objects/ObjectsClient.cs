using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>
/// Client for the COS object API of one bucket, limited to what the quality workflow needs: upload a local file (single
/// PUT or resumable multipart), read an object's properties, delete it, and list a prefix. Thread-safe; reuse it.
/// </summary>
/// <remarks>
/// Disposing the client disposes only what it created: the <see cref="HttpClient"/> of
/// <see cref="ObjectsClient(ObjectsClientOptions)"/>. An <see cref="HttpClient"/> passed to
/// <see cref="ObjectsClient(HttpClient, ObjectsClientOptions)"/> stays the caller's, and the client a
/// <c>JobsClient</c> exposes as <c>Objects</c> belongs to that <c>JobsClient</c> (disposing it does nothing).
/// </remarks>
public partial class ObjectsClient : IDisposable
{
    private readonly CosClientCore? _ownedCore;
    private readonly CosHttpPipeline? _pipeline;
    private readonly ObjectsRetryOptions _retry = new();
    private readonly long _multipartThreshold = ObjectsClientOptions.DefaultMultipartThreshold;
    private readonly long _partSize = ObjectsClientOptions.DefaultPartSize;
    private readonly int _maxConcurrency = 4;
    private volatile bool _disposed;

    /// <summary>For mocking only: every member of a client built this way throws.</summary>
    protected ObjectsClient()
    {
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Bucket, region, credential and transfer settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public ObjectsClient(ObjectsClientOptions options)
        : this(CosClientCore.Create(null, options, ObjectsClientOptionsValidator.ThrowIfInvalid), options, ownsCore: true)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>; its BaseAddress and Timeout are not used (set Timeout to infinite: the client owns attempt timeouts).</summary>
    /// <param name="httpClient">The HttpClient to send with.</param>
    /// <param name="options">Bucket, region, credential and transfer settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public ObjectsClient(HttpClient httpClient, ObjectsClientOptions options)
        : this(CosClientCore.Create(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), options, ObjectsClientOptionsValidator.ThrowIfInvalid), options, ownsCore: true)
    {
    }

    /// <summary>The object client of a <c>JobsClient</c>: on that client's core (connection, signer and clock offset), which it does not own.</summary>
    /// <param name="core">The jobs client's core.</param>
    /// <param name="options">Options the jobs client's validator already checked (<see cref="CosClientOptions.Endpoint"/> resolved).</param>
    internal ObjectsClient(CosClientCore core, ObjectsClientOptions options)
        : this(core, options, ownsCore: false)
    {
    }

    private ObjectsClient(CosClientCore core, ObjectsClientOptions options, bool ownsCore)
    {
        _ownedCore = ownsCore ? core : null;
        Bucket = core.Bucket;
        Region = core.Region;
        Endpoint = options.Endpoint ?? options.ServiceEndpoint("cos");
        _retry = options.Retry.Clone();
        _multipartThreshold = options.MultipartThreshold;
        _partSize = options.PartSize;
        _maxConcurrency = options.MaxConcurrency;
        var logger = core.CreateLogger("CosQualityEstimate.Objects");
        _pipeline = core.CreatePipeline(Endpoint, ObjectsResilience.Create(_retry, core.Time, logger), logger);
    }

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

    private CosHttpPipeline Pipeline => _disposed
        ? throw new ObjectDisposedException(nameof(ObjectsClient))
        : _pipeline ?? throw new InvalidOperationException("This ObjectsClient was created for mocking and cannot send requests.");

    /// <summary>Disposes what the client created (see the remarks on <see cref="ObjectsClient"/>); later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the <see cref="HttpClient"/> the client created itself, if any; never one passed in or shared with a <c>JobsClient</c>.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || (_ownedCore is null && _pipeline is not null))
        {
            return; // already disposed, or the object client of a JobsClient, which that client ends
        }

        _disposed = true;
        if (disposing)
        {
            _ownedCore?.Dispose();
        }
    }

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
    public virtual Task<ObjectUploadResult> UploadFileAsync(string localPath, string objectKey, UploadFileOptions? options = null, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("ObjectsClient.UploadFile", (Client: this, Path: localPath, Key: objectKey, Options: options), static (s, ct) => s.Client.UploadFileCoreAsync(s.Path, s.Key, s.Options, ct), cancellationToken);

    private async Task<ObjectUploadResult> UploadFileCoreAsync(string localPath, string objectKey, UploadFileOptions? options, CancellationToken cancellationToken)
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
        Activity.Current?.SetTag("cos.object.size", file.Length); // on the call's activity (UploadFile, or a JobsClient call that uploads)
        var progress = options.Progress is { } p ? new UploadProgressTracker(p, file.Length) : null;
        ObjectUploadResult result;
        if (file.Length <= _multipartThreshold)
        {
            var (etag, requestId) = await new VerifiedPut(pipeline, file, objectKey, contentType, options.SendContentMd5, progress, _retry.MaxRetries).SendAsync(null, null, 0, file.Length, cancellationToken).ConfigureAwait(false);
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
    public virtual Task<ObjectProperties?> GetObjectPropertiesAsync(string objectKey, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync(
            "ObjectsClient.GetObjectProperties",
            (Client: this, Key: objectKey),
            static (s, ct) =>
            {
                ObjectKeyValidator.Validate(s.Key, nameof(objectKey));
                return s.Client.HeadCoreAsync(s.Key, ct);
            },
            cancellationToken);

    /// <summary>HEAD Object for internal flows (never the virtual public member).</summary>
    internal async Task<ObjectProperties?> HeadCoreAsync(string objectKey, CancellationToken cancellationToken)
    {
        var request = new CosRequest("HeadObject", HttpMethod.Head, "/" + objectKey) { IsIdempotent = true, CaptureHeaders = true };
        try
        {
            return await Pipeline.SendAsync(request, response => ReadProperties(objectKey, response), cancellationToken).ConfigureAwait(false);
        }
        catch (CosServiceException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static ObjectProperties ReadProperties(string objectKey, CosResponse response)
    {
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
    public virtual Task DeleteObjectAsync(string objectKey, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync(
            "ObjectsClient.DeleteObject",
            (Client: this, Key: objectKey),
            static (s, ct) =>
            {
                ObjectKeyValidator.Validate(s.Key, nameof(objectKey));
                return s.Client.Pipeline.SendAsync(new CosRequest("DeleteObject", HttpMethod.Delete, "/" + s.Key) { IsIdempotent = true }, ct);
            },
            cancellationToken);
}
