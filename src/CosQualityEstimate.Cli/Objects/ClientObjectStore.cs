using System.Runtime.CompilerServices;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Cli.Objects;

/// <summary>The object store over the library's <see cref="ObjectsClient"/>: uploads skip unchanged files, listing pages by marker.</summary>
internal sealed class ClientObjectStore : IObjectStore
{
    private readonly ObjectsClient _objects;

    public ClientObjectStore(ObjectsClient objects) => _objects = objects;

    public async Task UploadAsync(string localPath, string objectKey, CancellationToken cancellationToken) =>
        await _objects.UploadFileAsync(localPath, objectKey, new UploadFileOptions { SkipIfUnchanged = true }, cancellationToken).ConfigureAwait(false);

    public async Task<bool> ExistsAsync(string objectKey, CancellationToken cancellationToken) =>
        await _objects.GetObjectPropertiesAsync(objectKey, cancellationToken).ConfigureAwait(false) is not null;

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _objects.ListObjectsAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return item.Key;
        }
    }
}
