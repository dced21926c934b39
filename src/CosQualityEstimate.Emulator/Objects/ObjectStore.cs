using System.Globalization;
using System.Security.Cryptography;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>
/// Objects and multipart uploads of the emulated bucket. Content lives in files under one directory (so a large upload
/// never sits in memory); metadata in memory under one lock. A write goes to a new file that replaces the entry only
/// once complete, so a reader never sees half an object.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MultipartUpload> _uploads = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly TimeProvider _time;
    private long _writes;

    internal ObjectStore(string? directory, TimeProvider time)
    {
        _time = time;
        if (directory is null)
        {
            _directory = Path.Combine(Path.GetTempPath(), "cosqe-emulator-" + Guid.NewGuid().ToString("N"));
            _ownsDirectory = true;
        }
        else
        {
            _directory = directory;
        }

        Directory.CreateDirectory(_directory);
    }

    /// <summary>Number of completed writes (PUT Object and Complete Multipart Upload).</summary>
    internal long WriteCount => Interlocked.Read(ref _writes);

    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>A new file path for content being received.</summary>
    internal string NewContentPath() => Path.Combine(_directory, Guid.NewGuid().ToString("N"));

    internal StoredObject? Get(string key)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(key, out var found) ? found : null;
        }
    }

    internal bool Exists(string key) => Get(key) is not null;

    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    internal int UploadCount
    {
        get
        {
            lock (_gate)
            {
                return _uploads.Count;
            }
        }
    }

    internal List<StoredObject> Snapshot()
    {
        lock (_gate)
        {
            return _objects.Values.ToList();
        }
    }

    /// <summary>Publishes a fully written content file under <paramref name="key"/>, replacing any previous object.</summary>
    internal StoredObject Put(string key, IReadOnlyList<string> contentPaths, long size, string etag, string? contentType)
    {
        var stored = new StoredObject(key, contentPaths, size, etag, _time.GetUtcNow(), contentType ?? "application/octet-stream");
        StoredObject? previous;
        lock (_gate)
        {
            _objects.TryGetValue(key, out previous);
            _objects[key] = stored;
        }

        Interlocked.Increment(ref _writes);
        DeleteAll(previous?.ContentPaths);
        return stored;
    }

    internal bool Delete(string key)
    {
        StoredObject? previous;
        lock (_gate)
        {
            if (!_objects.Remove(key, out previous))
            {
                return false;
            }
        }

        DeleteAll(previous.ContentPaths);
        return true;
    }

    /// <summary>Keys after <paramref name="marker"/> starting with <paramref name="prefix"/>, in UTF-8 binary (ordinal) order.</summary>
    internal List<StoredObject> ListFrom(string prefix, string marker)
    {
        lock (_gate)
        {
            var result = new List<StoredObject>();
            foreach (var (key, value) in _objects)
            {
                if (string.CompareOrdinal(key, marker) > 0 && key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    result.Add(value);
                }
            }

            return result;
        }
    }

    internal MultipartUpload Initiate(string key)
    {
        var upload = new MultipartUpload(key, NewUploadId(), _time.GetUtcNow());
        lock (_gate)
        {
            _uploads.Add(upload.UploadId, upload);
        }

        return upload;
    }

    internal MultipartUpload? FindUpload(string key, string uploadId)
    {
        lock (_gate)
        {
            return _uploads.TryGetValue(uploadId, out var upload) && upload.Key == key ? upload : null;
        }
    }

    internal List<MultipartUpload> Uploads()
    {
        lock (_gate)
        {
            return _uploads.Values
                .OrderBy(u => u.Key, StringComparer.Ordinal)
                .ThenBy(u => u.UploadId, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Adds or replaces a part; false when the upload ended meanwhile.</summary>
    internal bool PutPart(MultipartUpload upload, StoredPart part)
    {
        StoredPart? previous;
        lock (_gate)
        {
            if (!_uploads.ContainsKey(upload.UploadId))
            {
                return false;
            }

            upload.Parts.TryGetValue(part.PartNumber, out previous);
            upload.Parts[part.PartNumber] = part;
        }

        DeleteQuietly(previous?.ContentPath);
        return true;
    }

    internal List<StoredPart> Parts(MultipartUpload upload)
    {
        lock (_gate)
        {
            return upload.Parts.Values.ToList();
        }
    }

    /// <summary>Removes the upload (complete or abort); false when it was already gone.</summary>
    internal bool EndUpload(MultipartUpload upload, bool deleteParts)
    {
        List<StoredPart> parts;
        lock (_gate)
        {
            if (!_uploads.Remove(upload.UploadId))
            {
                return false;
            }

            parts = upload.Parts.Values.ToList();
        }

        if (deleteParts)
        {
            foreach (var part in parts)
            {
                DeleteQuietly(part.ContentPath);
            }
        }

        return true;
    }

    public void Dispose()
    {
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    internal static void DeleteAll(IEnumerable<string>? paths)
    {
        foreach (var path in paths ?? [])
        {
            DeleteQuietly(path);
        }
    }

    internal static void DeleteQuietly(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string NewUploadId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + Convert.ToHexStringLower(bytes);
    }
}

/// <summary>
/// A stored object: its content files (one for a single PUT; the part files, in order, for a completed multipart
/// upload — COS does not copy parts either, so completing stays cheap) and metadata. Immutable.
/// </summary>
internal sealed record StoredObject(string Key, IReadOnlyList<string> ContentPaths, long Size, string ETag, DateTimeOffset LastModified, string ContentType);

/// <summary>A received part: its content file, size and MD5.</summary>
internal sealed record StoredPart(int PartNumber, string ContentPath, long Size, byte[] Md5, DateTimeOffset LastModified)
{
    internal string ETag => "\"" + Convert.ToHexStringLower(Md5) + "\"";
}

/// <summary>An initiated multipart upload; <see cref="Parts"/> is guarded by the store's lock.</summary>
internal sealed class MultipartUpload
{
    internal MultipartUpload(string key, string uploadId, DateTimeOffset initiated)
    {
        Key = key;
        UploadId = uploadId;
        Initiated = initiated;
    }

    internal string Key { get; }

    internal string UploadId { get; }

    internal DateTimeOffset Initiated { get; }

    internal SortedDictionary<int, StoredPart> Parts { get; } = new();
}
