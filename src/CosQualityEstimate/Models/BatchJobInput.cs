namespace CosQualityEstimate.Models;

/// <summary>
/// <c>Input</c> of a batch processing job (<c>POST /inventorytriggerjob</c>): exactly one of the objects under a
/// <see cref="Prefix"/>, the objects listed in an inventory <see cref="Manifest"/>, the URLs in a <see cref="UrlFile"/>, or
/// one <see cref="ObjectKey"/>. Use the <c>From…</c> factories to build one.
/// </summary>
public sealed class BatchJobInput
{
    /// <summary><c>Prefix</c>: every object whose key starts with this prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary><c>Manifest</c>: the key of a COS inventory manifest (<c>manifest.json</c>) listing the objects.</summary>
    public string? Manifest { get; init; }

    /// <summary><c>UrlFile</c>: the key of a text file with one object URL per line.</summary>
    public string? UrlFile { get; init; }

    /// <summary><c>Object</c>: one object key.</summary>
    public string? ObjectKey { get; init; }

    /// <summary>Every object under <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The key prefix (an empty prefix is the whole bucket).</param>
    /// <returns>The input.</returns>
    public static BatchJobInput FromPrefix(string prefix) => new() { Prefix = prefix ?? throw new ArgumentNullException(nameof(prefix)) };

    /// <summary>The objects of an inventory manifest.</summary>
    /// <param name="manifestKey">The manifest's object key.</param>
    /// <returns>The input.</returns>
    public static BatchJobInput FromManifest(string manifestKey) => new() { Manifest = manifestKey ?? throw new ArgumentNullException(nameof(manifestKey)) };

    /// <summary>The objects whose URLs a URL file lists (one per line).</summary>
    /// <param name="urlFileKey">The URL file's object key.</param>
    /// <returns>The input.</returns>
    public static BatchJobInput FromUrlFile(string urlFileKey) => new() { UrlFile = urlFileKey ?? throw new ArgumentNullException(nameof(urlFileKey)) };

    /// <summary>One object.</summary>
    /// <param name="objectKey">The object key.</param>
    /// <returns>The input.</returns>
    public static BatchJobInput FromObject(string objectKey) => new() { ObjectKey = objectKey ?? throw new ArgumentNullException(nameof(objectKey)) };
}
