using System.Collections.ObjectModel;

namespace CosQualityEstimate.Models;

/// <summary>Shared empty values for the media-info models.</summary>
internal static class MediaInfoDefaults
{
    internal static readonly IReadOnlyDictionary<string, string> NoRawValues =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));
}
