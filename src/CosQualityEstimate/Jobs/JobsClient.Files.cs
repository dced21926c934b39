using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Jobs;

/// <summary>Estimating local files: upload (once), then submit and wait.</summary>
public partial class JobsClient
{
    private readonly ObjectsClient? _objects;
    private readonly string _uploadKeyPrefix = JobsClientOptions.DefaultUploadKeyPrefix;

    /// <summary>
    /// The object client of the same bucket (uploads, listing). It shares this client's core: HttpClient, credentials and
    /// the signer with its clock correction. Disposing it does nothing; disposing this client ends both.
    /// </summary>
    public virtual ObjectsClient Objects => _objects ?? throw new InvalidOperationException("This JobsClient was created for mocking and has no object client.");

    /// <summary>
    /// Estimates the quality of a local video: uploads it (unless the object under its key already has the same size and
    /// content — HEAD plus the ETag the file's MD5 gives), submits a QualityEstimate job on it and waits for the outcome,
    /// as <see cref="EstimateQualityAsync"/> does.
    /// </summary>
    /// <param name="localPath">The video file.</param>
    /// <param name="options">Object key (default <see cref="JobsClientOptions.UploadKeyPrefix"/> + file name), job settings, polling and upload progress.</param>
    /// <param name="cancellationToken">Cancels the upload or the wait (the job keeps running; its id is in <see cref="CosFailureInfo.JobId"/>).</param>
    /// <returns>The outcome of the succeeded job.</returns>
    /// <exception cref="ArgumentException">The path is empty, a directory or unreadable, or the key is one COS rejects.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="JobFailedException">The job ended Failed or Cancel.</exception>
    /// <exception cref="CosServiceException">The service refused a request.</exception>
    public virtual Task<QualityEstimateOutcome> EstimateFileQualityAsync(string localPath, FileQualityEstimateOptions? options = null, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.EstimateFileQuality", (Client: this, Path: localPath, Options: options), static (s, ct) => s.Client.EstimateFileQualityCoreAsync(s.Path, s.Options, ct), cancellationToken);

    private async Task<QualityEstimateOutcome> EstimateFileQualityCoreAsync(string localPath, FileQualityEstimateOptions? options, CancellationToken cancellationToken)
    {
        options ??= new FileQualityEstimateOptions();
        var file = LocalFile.Open(localPath, nameof(localPath));
        var key = options.ObjectKey ?? _uploadKeyPrefix + Path.GetFileName(file.Path);
        ObjectKeyValidator.Validate(key, options.ObjectKey is null ? nameof(localPath) : nameof(options) + "." + nameof(FileQualityEstimateOptions.ObjectKey), forUpload: true);
        var request = new QualityEstimateJobRequest(key) { Mode = options.Mode };
        options.ConfigureRequest?.Invoke(request);
        if (request.ObjectKey != key)
        {
            throw new ArgumentException("ConfigureRequest must not change ObjectKey; set FileQualityEstimateOptions.ObjectKey instead.", nameof(options));
        }

        JobRequestValidator.Validate(request);

        var objects = _objects ?? throw new InvalidOperationException("This JobsClient was created for mocking and has no object client.");
        if (!await objects.IsStoredAsync(file, key, cancellationToken).ConfigureAwait(false))
        {
            await objects.UploadCoreAsync(file, key, new UploadFileOptions { Progress = options.UploadProgress }, cancellationToken).ConfigureAwait(false);
        }

        return await EstimateQualityCoreAsync(request, options.Polling, cancellationToken).ConfigureAwait(false);
    }
}
