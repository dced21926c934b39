namespace CosQualityEstimate.Cli.Objects;

/// <summary>
/// The CLI's seam onto object storage: uploading local files (<c>estimate &lt;local-file&gt;</c>) and listing keys by prefix
/// (<c>batch --prefix</c>). <see cref="ClientObjectStore"/> implements it over the library's object client; tests inject
/// fakes through <see cref="CliHost.ObjectStoreFactory"/>.
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
