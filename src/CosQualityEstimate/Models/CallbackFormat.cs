namespace CosQualityEstimate.Models;

/// <summary>Format of the job callback (<c>CallBackFormat</c>); the service default is XML.</summary>
public enum CallbackFormat
{
    /// <summary><c>XML</c>.</summary>
    Xml = 0,

    /// <summary><c>JSON</c>.</summary>
    Json = 1,
}
