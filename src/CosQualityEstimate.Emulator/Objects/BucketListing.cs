using CosQualityEstimate.Emulator.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>The emulated GET Bucket (List Objects) call: a page of keys after a marker, grouped by a delimiter.</summary>
internal sealed class BucketListing
{
    private readonly ObjectStore _store;
    private readonly string _bucket;
    private readonly string _appId;

    internal BucketListing(ObjectStore store, string bucket, string appId)
    {
        _store = store;
        _bucket = bucket;
        _appId = appId;
    }

    internal EmulatorResponse ListObjects(List<KeyValuePair<string, string>> query, string requestId)
    {
        if (!ObjectQueryValues.TryGetInt(query, "max-keys", 1000, out var maxKeys) || maxKeys > 1000)
        {
            return Responses.Error(400, ObjectErrorCodes.InvalidArgument, "max-keys must be 0 to 1000.", requestId);
        }

        var prefix = RawQuery.Get(query, "prefix") ?? string.Empty;
        var marker = RawQuery.Get(query, "marker") ?? string.Empty;
        var delimiter = RawQuery.Get(query, "delimiter") ?? string.Empty;
        var urlEncoded = ObjectQueryValues.IsUrlEncoded(query);

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

    private static string Encode(string value, bool urlEncoded) => ObjectQueryValues.Encode(value, urlEncoded);
}
