using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Jobs;

/// <summary>Settings of <see cref="JobsClient.EstimateFileQualityAsync"/>.</summary>
public sealed class FileQualityEstimateOptions
{
    /// <summary>The object key to upload to; default <see cref="JobsClientOptions.UploadKeyPrefix"/> followed by the file name.</summary>
    public string? ObjectKey { get; set; }

    /// <summary>The analysis mode; the service's default (general) when not set.</summary>
    public QualityEstimateMode? Mode { get; set; }

    /// <summary>Sets further job fields (Rotate, JobLevel, UserData, callback) on the request built for the uploaded key.</summary>
    public Action<QualityEstimateJobRequest>? ConfigureRequest { get; set; }

    /// <summary>How to wait for the job; defaults of <see cref="JobPollingOptions"/> when not set.</summary>
    public JobPollingOptions? Polling { get; set; }

    /// <summary>Receives upload progress (not called when the object is already stored).</summary>
    public IProgress<UploadProgress>? UploadProgress { get; set; }
}
