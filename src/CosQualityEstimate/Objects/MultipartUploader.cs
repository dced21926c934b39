using System.Globalization;
using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>
/// One multipart upload: find a resumable upload (List Multipart Uploads → List Parts, each reused part's ETag checked
/// against the local MD5) or Initiate; send the missing parts with bounded parallelism (<see cref="VerifiedPut"/>: each
/// part at most <c>MaxRetries + 1</c> times); Complete. An ambiguous Complete follows <see cref="AmbiguousPost"/>, the
/// rule a job submit follows too: List Parts shows whether the upload is still open (then resending cannot duplicate),
/// HEAD whether the object was created with the expected ETag. A permanent failure aborts the upload; cancellation and
/// transient failures keep it, so the next call resumes it.
/// </summary>
internal sealed class MultipartUploader
{
    private readonly ObjectsClient _client;
    private readonly CosHttpPipeline _pipeline;
    private readonly LocalFile _file;
    private readonly string _key;
    private readonly PartPlan _plan;
    private readonly string _contentType;
    private readonly UploadFileOptions _options;
    private readonly UploadProgressTracker? _progress;
    private readonly int _concurrency;
    private readonly VerifiedPut _put;

    internal MultipartUploader(ObjectsClient client, CosHttpPipeline pipeline, LocalFile file, string key, PartPlan plan, string contentType, UploadFileOptions options, UploadProgressTracker? progress, int concurrency, int maxRetries)
    {
        _client = client;
        _pipeline = pipeline;
        _file = file;
        _key = key;
        _plan = plan;
        _contentType = contentType;
        _options = options;
        _progress = progress;
        _concurrency = concurrency;
        _put = new VerifiedPut(pipeline, file, key, contentType, options.SendContentMd5, progress, maxRetries);
    }

    internal async Task<ObjectUploadResult> RunAsync(CancellationToken cancellationToken)
    {
        var done = new ObjectXml.PartInfo?[_plan.PartCount + 1];
        var resumed = _options.ResumeMultipartUpload ? await FindResumableAsync(done, cancellationToken).ConfigureAwait(false) : null;
        var uploadId = resumed ?? await InitiateAsync(cancellationToken).ConfigureAwait(false);
        var resumedCount = done.Count(p => p is not null);
        _progress?.Add(done.Where(p => p is not null).Sum(p => p!.Size));

        try
        {
            var missing = Enumerable.Range(1, _plan.PartCount).Where(n => done[n] is null).ToList();
            await Parallel.ForEachAsync(
                missing,
                new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
                async (number, token) =>
                {
                    var (etag, _) = await _put.SendAsync(uploadId, number, _plan.OffsetOf(number), _plan.SizeOf(number), token).ConfigureAwait(false);
                    done[number] = new ObjectXml.PartInfo(number, _plan.SizeOf(number), etag);
                }).ConfigureAwait(false);

            _file.ThrowIfChanged();
            var parts = done.Skip(1).Select(p => p!).ToList();
            var (finalETag, requestId) = await CompleteAsync(uploadId, parts, cancellationToken).ConfigureAwait(false);
            return new ObjectUploadResult(_key, _file.Length, finalETag, _plan.PartCount, resumedCount, requestId);
        }
        catch (Exception ex) when (IsPermanent(ex, cancellationToken))
        {
            await TryAbortAsync(uploadId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Permanent: the same upload would fail again (a 4xx refusal, corrupted data, a changed file). Cancellation and transient failures are not.</summary>
    private static bool IsPermanent(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception switch
        {
            CosDataIntegrityException => true,
            CosResponseFormatException => false,
            CosServiceException service => FailureClassifier.Classify(service, cancellationToken) == FailureKind.Permanent && service.ErrorCode != "NoSuchUpload",
            IOException => true,
            _ => false,
        };

    private async Task TryAbortAsync(string uploadId)
    {
        try
        {
            var request = new CosRequest("AbortMultipartUpload", HttpMethod.Delete, "/" + _key) { IsIdempotent = true };
            request.AddQuery("uploadId", uploadId);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _pipeline.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: the original failure is what the caller must see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<string> InitiateAsync(CancellationToken cancellationToken)
    {
        // Not idempotent (each call creates an upload) but harmless to repeat: an orphan upload holds no object.
        // The pipeline resends it only when it provably did not reach the service.
        var request = new CosRequest("InitiateMultipartUpload", HttpMethod.Post, "/" + _key)
        {
            Headers = [new("Content-Type", _contentType)],
        };
        request.AddQuery("uploads", null);
        var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ObjectXml.ReadUploadId(response);
    }

    /// <summary>
    /// The newest unfinished upload of this key whose parts fit this file's plan (same sizes) — each stored part whose
    /// ETag equals the MD5 of the local bytes goes into <paramref name="done"/>; others are sent again. Null when none fits.
    /// </summary>
    private async Task<string?> FindResumableAsync(ObjectXml.PartInfo?[] done, CancellationToken cancellationToken)
    {
        var candidates = new List<ObjectXml.UploadInfo>();
        string? keyMarker = null;
        string? idMarker = null;
        do
        {
            var request = new CosRequest("ListMultipartUploads", HttpMethod.Get, "/") { IsIdempotent = true };
            request.AddQuery("uploads", null).AddQuery("encoding-type", "url").AddQuery("prefix", _key);
            if (keyMarker is not null)
            {
                request.AddQuery("key-marker", keyMarker);
                if (idMarker is not null)
                {
                    request.AddQuery("upload-id-marker", idMarker);
                }
            }

            var (uploads, nextKey, nextId) = await _pipeline.SendAsync(request, ObjectXml.ReadUploads, cancellationToken).ConfigureAwait(false);
            candidates.AddRange(uploads.Where(u => u.Key == _key));
            if (nextKey is null || uploads.Count == 0 || string.CompareOrdinal(nextKey, _key) > 0)
            {
                break;
            }

            (keyMarker, idMarker) = (nextKey, nextId);
        }
        while (true);

        foreach (var candidate in candidates.OrderByDescending(u => u.Initiated ?? DateTimeOffset.MinValue))
        {
            List<ObjectXml.PartInfo> parts;
            try
            {
                parts = await ListPartsAsync(candidate.UploadId, cancellationToken).ConfigureAwait(false);
            }
            catch (CosServiceException ex) when (ex.Status == 404)
            {
                continue; // completed or aborted meanwhile
            }

            if (parts.Count == 0 || parts.Any(p => p.PartNumber > _plan.PartCount || p.Size != _plan.SizeOf(p.PartNumber)))
            {
                continue; // another file, or another part size
            }

            var matched = 0;
            foreach (var part in parts)
            {
                var local = await LocalDigest.ComputeAsync(_file, _plan.OffsetOf(part.PartNumber), part.Size, cancellationToken).ConfigureAwait(false);
                if (string.Equals(part.ETag.Trim().Trim('"'), Hex.Lower(local), StringComparison.OrdinalIgnoreCase))
                {
                    done[part.PartNumber] = part;
                    matched++;
                }
            }

            if (matched > 0)
            {
                return candidate.UploadId;
            }

            Array.Clear(done);
        }

        return null;
    }

    private async Task<List<ObjectXml.PartInfo>> ListPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        var all = new List<ObjectXml.PartInfo>();
        int? marker = null;
        do
        {
            var request = new CosRequest("ListParts", HttpMethod.Get, "/" + _key) { IsIdempotent = true };
            request.AddQuery("uploadId", uploadId).AddQuery("max-parts", "1000");
            if (marker is not null)
            {
                request.AddQuery("part-number-marker", marker.Value.ToString(CultureInfo.InvariantCulture));
            }

            var (parts, next) = await _pipeline.SendAsync(request, ObjectXml.ReadParts, cancellationToken).ConfigureAwait(false);
            all.AddRange(parts);
            marker = next is { } n && n > (marker ?? 0) ? n : null;
        }
        while (marker is not null);

        return all;
    }

    /// <summary>Complete Multipart Upload, never blindly resent: after an ambiguous failure the upload's state decides (<see cref="AmbiguousPost"/>).</summary>
    private Task<(string ETag, string? RequestId)> CompleteAsync(string uploadId, List<ObjectXml.PartInfo> parts, CancellationToken cancellationToken)
    {
        var body = ObjectXml.WriteComplete(parts);
        return AmbiguousPost.SendAsync(
            (Uploader: this, UploadId: uploadId, Body: body),
            static async (s, ct) =>
            {
                var request = new CosRequest("CompleteMultipartUpload", HttpMethod.Post, "/" + s.Uploader._key) { Body = s.Body };
                request.AddQuery("uploadId", s.UploadId);
                var response = await s.Uploader._pipeline.SendAsync(request, ct).ConfigureAwait(false);
                return (ObjectXml.ReadCompleteETag(response), response.RequestId);
            },
            static (s, _, _, ct) => s.Uploader.CheckCompletedAsync(s.UploadId, ct),
            null,
            cancellationToken).AsTask();
    }

    /// <summary>
    /// After an ambiguous Complete: an upload that is still open was not completed, so completing it again cannot create a
    /// second version; a closed one is ours when HEAD shows the object with this file's size and multipart ETag.
    /// </summary>
    private async Task<PostCheck<(string ETag, string? RequestId)>> CheckCompletedAsync(string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await ListPartsAsync(uploadId, cancellationToken).ConfigureAwait(false);
            return PostCheck<(string, string?)>.NotApplied;
        }
        catch (CosServiceException lookup) when (lookup.Status == 404)
        {
            // The upload is closed: completed (by the ambiguous attempt) or aborted.
        }

        var expectedETag = await LocalDigest.ExpectedETagAsync(_file, _plan, cancellationToken).ConfigureAwait(false);
        var head = await _client.HeadCoreAsync(_key, cancellationToken).ConfigureAwait(false);
        return head is { ETag: { } etag } && head.Size == _file.Length && string.Equals(etag.Trim('"'), expectedETag, StringComparison.OrdinalIgnoreCase)
            ? PostCheck<(string, string?)>.Done((etag, null))
            : PostCheck<(string, string?)>.Unknown; // the upload is gone and the object is not ours: the outcome stays unknown
    }
}
