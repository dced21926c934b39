using System.Security.Cryptography;
using CosQualityEstimate.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>Receives the body of a PUT Object or Upload Part into a new content file of the <see cref="ObjectStore"/>.</summary>
internal sealed class ObjectBodyReceiver
{
    private readonly ObjectStore _store;

    internal ObjectBodyReceiver(ObjectStore store) => _store = store;

    /// <summary>Streams the request body to a new content file, hashing it; checks Content-Length, the size limit and Content-MD5.</summary>
    internal async Task<ReceivedBody> ReceiveAsync(HttpRequest request, long maxSize, string requestId)
    {
        if (request.ContentLength is not long declared)
        {
            return new ReceivedBody(Responses.Error(411, ObjectErrorCodes.MissingContentLength, "The request must carry Content-Length.", requestId));
        }

        if (declared > maxSize)
        {
            return new ReceivedBody(Responses.Error(400, ObjectErrorCodes.EntityTooLarge, $"The body exceeds the {maxSize}-byte limit of one request.", requestId));
        }

        byte[]? expectedMd5 = null;
        var contentMd5 = request.Headers["Content-MD5"].ToString();
        if (contentMd5.Length > 0)
        {
            expectedMd5 = new byte[16];
            if (!Convert.TryFromBase64String(contentMd5, expectedMd5, out var written) || written != 16)
            {
                return new ReceivedBody(Responses.Error(400, ObjectErrorCodes.InvalidDigest, "The Content-MD5 you specified is not valid.", requestId));
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
                var buffer = new byte[ObjectsApi.CopyBufferSize];
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
                return new ReceivedBody(Responses.Error(400, ObjectErrorCodes.BadDigest, "The Content-MD5 you specified did not match what was received.", requestId));
            }

            keep = true;
            return new ReceivedBody(null) { Path = path, Size = size, Md5 = digest };
        }
        finally
        {
            if (!keep)
            {
                ObjectStore.DeleteQuietly(path);
            }
        }
    }
}
