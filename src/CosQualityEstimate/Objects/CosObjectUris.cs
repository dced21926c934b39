using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>
/// The public addresses of a bucket's objects, by the rule the clients derive their default endpoints with
/// (<c>https://&lt;Bucket&gt;.cos.&lt;Region&gt;.myqcloud.com/</c>): for a batch's URL file, or anything that names an object to
/// the service. An endpoint override (an emulator, a proxy) does not change them: the service fetches from COS itself.
/// </summary>
public static class CosObjectUris
{
    /// <summary>The object endpoint of a bucket: <c>https://&lt;bucket&gt;.cos.&lt;region&gt;.myqcloud.com/</c>.</summary>
    /// <param name="bucket">The bucket, <c>name-appid</c>.</param>
    /// <param name="region">The region, for example <c>ap-guangzhou</c>.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException">The bucket or region is empty.</exception>
    public static Uri Endpoint(string bucket, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return EndpointRule.For(bucket, region, EndpointRule.Objects);
    }

    /// <summary>The URL of one object: the endpoint and the key, each path segment percent-encoded.</summary>
    /// <param name="bucket">The bucket, <c>name-appid</c>.</param>
    /// <param name="region">The region.</param>
    /// <param name="key">The object key.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="ArgumentException">The bucket or region is empty, or the key is one COS rejects.</exception>
    public static Uri Object(string bucket, string region, string key)
    {
        if (ObjectKeyValidator.GetProblem(key) is { } problem)
        {
            throw new ArgumentException(problem, nameof(key));
        }

        return new Uri(Endpoint(bucket, region), string.Join('/', key.Split('/').Select(Uri.EscapeDataString)));
    }
}
