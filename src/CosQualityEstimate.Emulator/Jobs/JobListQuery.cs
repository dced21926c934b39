using CosQualityEstimate.Emulator.Http;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>The parsed and validated parameters of <c>GET /jobs</c>.</summary>
internal sealed class JobListQuery : ListQueryParameters
{
    private const string TokenPrefix = "emu1:";

    private JobListQuery()
    {
    }

    private JobListQuery(ListQueryParameters shared)
        : base(shared)
    {
    }

    internal string? InputObject { get; private init; }

    internal string? QueueId { get; private init; }

    /// <summary><c>inventoryTriggerJobId</c>: only the jobs this batch processing job created.</summary>
    internal string? InventoryTriggerJobId { get; private init; }

    /// <summary>Parses the query; returns an error message naming the parameter, or <see langword="null"/>.</summary>
    internal static string? TryParse(List<KeyValuePair<string, string>> query, out JobListQuery result)
    {
        result = new JobListQuery();
        var tag = RawQuery.Get(query, "tag");
        if (tag != "QualityEstimate")
        {
            return "tag is required and must be QualityEstimate";
        }

        if (ListQueryParameters.TryParse(query, TryDecodeToken, out var common) is { } problem)
        {
            return problem;
        }

        var inputObject = RawQuery.Get(query, "inputObject");
        var queueId = RawQuery.Get(query, "queueId");
        var batchId = RawQuery.Get(query, "inventoryTriggerJobId");
        if (!string.IsNullOrEmpty(batchId) && string.IsNullOrEmpty(queueId))
        {
            return "queueId is required with inventoryTriggerJobId";
        }

        result = new JobListQuery(common)
        {
            InputObject = string.IsNullOrEmpty(inputObject) ? null : inputObject,
            QueueId = string.IsNullOrEmpty(queueId) ? null : queueId,
            InventoryTriggerJobId = string.IsNullOrEmpty(batchId) ? null : batchId,
        };
        return null;
    }

    /// <summary>Encodes an opaque continuation token for the page after <paramref name="sequence"/>.</summary>
    internal static string EncodeToken(long sequence) =>
        Convert.ToBase64String(ListQueryParameters.TokenBytes(TokenPrefix, sequence))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeToken(string token, out long sequence)
    {
        sequence = 0;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return ListQueryParameters.TryReadTokenBytes(Convert.FromBase64String(base64), TokenPrefix, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
