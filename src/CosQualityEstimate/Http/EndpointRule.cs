namespace CosQualityEstimate.Http;

/// <summary>The one rule for a service's public endpoint: <c>https://&lt;Bucket&gt;.&lt;service&gt;.&lt;Region&gt;.myqcloud.com/</c>.</summary>
internal static class EndpointRule
{
    /// <summary>The host label of the jobs (CI) service.</summary>
    internal const string Jobs = "ci";

    /// <summary>The host label of the object (COS) service.</summary>
    internal const string Objects = "cos";

    internal static Uri For(string bucket, string region, string service) => new($"https://{bucket}.{service}.{region}.myqcloud.com/");
}
