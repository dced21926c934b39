using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Jobs;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>The parsed and validated parameters of <c>GET /inventorytriggerjob</c>.</summary>
internal sealed class BatchListQuery : ListQueryParameters
{
    private const string TokenPrefix = "emub:";

    private BatchListQuery()
    {
    }

    private BatchListQuery(ListQueryParameters shared)
        : base(shared)
    {
    }

    internal string? Name { get; private init; }

    internal string? JobId { get; private init; }

    /// <summary>Parses the query; returns an error message naming the parameter, or <see langword="null"/>.</summary>
    internal static string? TryParse(List<KeyValuePair<string, string>> query, out BatchListQuery result)
    {
        result = new BatchListQuery();
        var type = RawQuery.Get(query, "type");
        if (!string.IsNullOrEmpty(type) && type is not ("Job" or "Workflow"))
        {
            return "type must be Job or Workflow";
        }

        if (ListQueryParameters.TryParse(query, TryDecodeToken, out var common) is { } problem)
        {
            return problem;
        }

        var name = RawQuery.Get(query, "name");
        var jobId = RawQuery.Get(query, "jobId");
        result = new BatchListQuery(common)
        {
            // A Workflow filter matches nothing here: only Job batches are emulated.
            States = type == "Workflow" ? new HashSet<string>() : common.States,
            Name = string.IsNullOrEmpty(name) ? null : name,
            JobId = string.IsNullOrEmpty(jobId) ? null : jobId,
        };
        return null;
    }

    internal static string EncodeToken(long sequence) =>
        Convert.ToHexStringLower(ListQueryParameters.TokenBytes(TokenPrefix, sequence));

    private static bool TryDecodeToken(string token, out long sequence)
    {
        sequence = 0;
        try
        {
            return ListQueryParameters.TryReadTokenBytes(Convert.FromHexString(token), TokenPrefix, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
