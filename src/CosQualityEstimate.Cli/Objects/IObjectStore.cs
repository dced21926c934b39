namespace CosQualityEstimate.Cli.Objects;

/// <summary>
/// The CLI's seam onto object storage: uploading local files (<c>estimate &lt;local-file&gt;</c>) and listing keys by prefix
/// (<c>batch --prefix</c>). MERGE SEAM: wire an implementation over <c>CosQualityEstimate.Objects</c> (issue 9) in
/// <see cref="CliHost.ObjectStoreFactory"/>; until then <see cref="UnavailableObjectStore"/> refuses with exit code 2.
/// </summary>
internal interface IObjectStore
{
    /// <summary>Uploads <paramref name="localPath"/> as <paramref name="objectKey"/>.</summary>
    Task UploadAsync(string localPath, string objectKey, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="objectKey"/> exists in the bucket.</summary>
    Task<bool> ExistsAsync(string objectKey, CancellationToken cancellationToken);

    /// <summary>Every key under <paramref name="prefix"/>, in listing order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>The object store of a build without the object client: every operation is bad usage (exit code 2).</summary>
internal sealed class UnavailableObjectStore : IObjectStore
{
    public const string UploadMessage = "uploading local files is not supported by this build; upload the file to the bucket first and pass its object key.";
    public const string ListMessage = "listing keys by prefix is not supported by this build; pass the keys with --keys <file> or --keys -.";

    public Task UploadAsync(string localPath, string objectKey, CancellationToken cancellationToken) =>
        throw new CliUsageException(UploadMessage);

    public Task<bool> ExistsAsync(string objectKey, CancellationToken cancellationToken) =>
        throw new CliUsageException(UploadMessage);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) =>
        throw new CliUsageException(ListMessage);
}
