using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CosQualityEstimate.Emulator.Objects;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>
/// The object keys a batch covers, read from the emulated bucket at creation: the stored keys under a <c>Prefix</c>
/// (ordinal order; filtered by the upload-time window), one <c>Object</c>, the URLs of a <c>UrlFile</c> (one per line; the
/// URL's path, percent-decoded, is the key), or a COS inventory <c>Manifest</c> (JSON with <c>fileSchema</c> and
/// <c>files[].key</c>; each listed file is a CSV, gzip when its key ends in <c>.gz</c>, whose <c>Key</c> column is the
/// percent-encoded object key). A manifest whose listed data file is missing is accepted at creation (the service reads
/// the inventory's data files later) and ends the batch Failed with <see cref="MissingManifestPartCode"/>.
/// </summary>
internal static class BatchInputResolver
{
    /// <summary>Largest URL file or manifest part read (64 MiB).</summary>
    private const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The <c>Code</c> of a batch whose manifest lists a data file that does not exist.</summary>
    internal const string MissingManifestPartCode = "InvalidManifest";

    /// <summary>
    /// Returns the keys, or <see langword="null"/> with <paramref name="problem"/> set (the create is refused); or no keys
    /// with <paramref name="failure"/> set (the batch is created and ends Failed with that message).
    /// </summary>
    internal static List<string>? Resolve(BatchRequest request, ObjectStore objects, out string? problem, out string? failure)
    {
        problem = null;
        failure = null;
        switch (request.InputKind)
        {
            case "Prefix":
                return objects.ListFrom(request.InputValue, string.Empty)
                    .Where(o => (request.UploadedAfter is null || o.LastModified >= request.UploadedAfter) && (request.UploadedBefore is null || o.LastModified <= request.UploadedBefore))
                    .Select(o => o.Key)
                    .ToList();
            case "Object":
                return new List<string> { request.InputValue };
            case "UrlFile":
                var text = ReadText(objects, request.InputValue, gzip: false, out problem);
                return text is null ? null : ParseUrlFile(text);
            default:
                return ReadManifest(objects, request.InputValue, out problem, out failure);
        }
    }

    private static List<string> ParseUrlFile(string text)
    {
        var keys = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var path = Uri.TryCreate(line, UriKind.Absolute, out var uri) ? uri.AbsolutePath : line;
            var key = Uri.UnescapeDataString(path.TrimStart('/'));
            if (key.Length > 0)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static List<string>? ReadManifest(ObjectStore objects, string manifestKey, out string? problem, out string? failure)
    {
        failure = null;
        var json = ReadText(objects, manifestKey, gzip: false, out problem);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            var schema = root.TryGetProperty("fileSchema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "Bucket, Key";
            var keyColumn = Array.FindIndex(schema.Split(',', StringSplitOptions.TrimEntries), c => c == "Key");
            if (keyColumn < 0 || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                problem = $"Input.Manifest {manifestKey} must have a fileSchema with a Key column and a files array";
                return null;
            }

            var keys = new List<string>();
            foreach (var file in files.EnumerateArray())
            {
                var fileKey = file.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : string.Empty;
                var csv = ReadText(objects, fileKey, fileKey.EndsWith(".gz", StringComparison.Ordinal), out var partProblem);
                if (csv is null)
                {
                    failure = $"Input.Manifest {manifestKey} lists a data file that could not be read: {partProblem}";
                    return new List<string>();
                }

                foreach (var line in csv.Split('\n'))
                {
                    var fields = line.TrimEnd('\r').Split(',');
                    if (fields.Length > keyColumn && Uri.UnescapeDataString(fields[keyColumn].Trim().Trim('"')) is { Length: > 0 } key)
                    {
                        keys.Add(key);
                    }
                }
            }

            return keys;
        }
        catch (JsonException)
        {
            problem = $"Input.Manifest {manifestKey} is not valid JSON";
            return null;
        }
    }

    private static string? ReadText(ObjectStore objects, string key, bool gzip, out string? problem)
    {
        problem = null;
        if (objects.Get(key) is not { } stored)
        {
            problem = $"the object {key} does not exist";
            return null;
        }

        if (stored.Size > MaxFileBytes)
        {
            problem = $"the object {key} is larger than {MaxFileBytes} bytes";
            return null;
        }

        using var content = new ConcatenatedFileStream(stored.ContentPaths);
        using var decoded = gzip ? new GZipStream(content, CompressionMode.Decompress) : (Stream)content;
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
