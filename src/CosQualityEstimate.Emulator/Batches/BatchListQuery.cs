using System.Globalization;
using System.Text;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>The parsed and validated parameters of <c>GET /inventorytriggerjob</c>.</summary>
internal sealed class BatchListQuery
{
    private const string TokenPrefix = "emub:";

    internal HashSet<string>? States { get; private init; }

    internal bool Ascending { get; private init; }

    internal int Size { get; private init; } = 10;

    internal long? AfterSequence { get; private init; }

    internal DateTimeOffset? StartCreationTime { get; private init; }

    internal DateTimeOffset? EndCreationTime { get; private init; }

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

        HashSet<string>? states = null;
        var statesText = RawQuery.Get(query, "states");
        if (!string.IsNullOrEmpty(statesText) && statesText != "All")
        {
            states = new HashSet<string>(StringComparer.Ordinal);
            foreach (var state in statesText.Split(','))
            {
                if (Array.IndexOf(JobStates.All, state) < 0)
                {
                    return $"states contains an unknown state '{state}'";
                }

                states.Add(state);
            }
        }

        var size = 10;
        var sizeText = RawQuery.Get(query, "size");
        if (!string.IsNullOrEmpty(sizeText) && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 100))
        {
            return "size must be an integer from 1 to 100";
        }

        var order = RawQuery.Get(query, "orderByTime");
        if (!string.IsNullOrEmpty(order) && order is not ("Desc" or "Asc"))
        {
            return "orderByTime must be Desc or Asc";
        }

        long? after = null;
        if (RawQuery.Get(query, "nextToken") is { Length: > 0 } token)
        {
            if (!TryDecodeToken(token, out var sequence))
            {
                return "nextToken is invalid";
            }

            after = sequence;
        }

        DateTimeOffset? start = null, end = null;
        if (RawQuery.Get(query, "startCreationTime") is { Length: > 0 } startText && (start = ServiceTime.Parse(startText)) is null)
        {
            return "startCreationTime must look like 2022-06-27T15:23:10+0800";
        }

        if (RawQuery.Get(query, "endCreationTime") is { Length: > 0 } endText && (end = ServiceTime.Parse(endText)) is null)
        {
            return "endCreationTime must look like 2022-06-27T15:23:10+0800";
        }

        var name = RawQuery.Get(query, "name");
        var jobId = RawQuery.Get(query, "jobId");
        result = new BatchListQuery
        {
            // A Workflow filter matches nothing here: only Job batches are emulated.
            States = type == "Workflow" ? new HashSet<string>() : states,
            Ascending = order == "Asc",
            Size = size,
            AfterSequence = after,
            StartCreationTime = start,
            EndCreationTime = end,
            Name = string.IsNullOrEmpty(name) ? null : name,
            JobId = string.IsNullOrEmpty(jobId) ? null : jobId,
        };
        return null;
    }

    internal static string EncodeToken(long sequence) =>
        Convert.ToHexStringLower(Encoding.ASCII.GetBytes(TokenPrefix + sequence.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeToken(string token, out long sequence)
    {
        sequence = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromHexString(token));
            return text.StartsWith(TokenPrefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
