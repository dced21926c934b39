using System.Globalization;
using System.Text;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>The parsed and validated parameters of <c>GET /jobs</c>.</summary>
internal sealed class JobListQuery
{
    private const string TokenPrefix = "emu1:";

    internal HashSet<string>? States { get; private init; }

    internal bool Ascending { get; private init; }

    internal int Size { get; private init; } = 10;

    internal long? AfterSequence { get; private init; }

    internal DateTimeOffset? StartCreationTime { get; private init; }

    internal DateTimeOffset? EndCreationTime { get; private init; }

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
        if (!string.IsNullOrEmpty(sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 100))
        {
            return "size must be an integer from 1 to 100";
        }

        var order = RawQuery.Get(query, "orderByTime");
        if (!string.IsNullOrEmpty(order) && order is not ("Desc" or "Asc"))
        {
            return "orderByTime must be Desc or Asc";
        }

        long? after = null;
        var token = RawQuery.Get(query, "nextToken");
        if (!string.IsNullOrEmpty(token))
        {
            if (!TryDecodeToken(token, out var sequence))
            {
                return "nextToken is invalid";
            }

            after = sequence;
        }

        DateTimeOffset? start = null;
        var startText = RawQuery.Get(query, "startCreationTime");
        if (!string.IsNullOrEmpty(startText) && (start = ServiceTime.Parse(startText)) is null)
        {
            return "startCreationTime must look like 2022-06-27T15:23:10+0800";
        }

        DateTimeOffset? end = null;
        var endText = RawQuery.Get(query, "endCreationTime");
        if (!string.IsNullOrEmpty(endText) && (end = ServiceTime.Parse(endText)) is null)
        {
            return "endCreationTime must look like 2022-06-27T15:23:10+0800";
        }

        var inputObject = RawQuery.Get(query, "inputObject");
        var queueId = RawQuery.Get(query, "queueId");
        var batchId = RawQuery.Get(query, "inventoryTriggerJobId");
        if (!string.IsNullOrEmpty(batchId) && string.IsNullOrEmpty(queueId))
        {
            return "queueId is required with inventoryTriggerJobId";
        }

        result = new JobListQuery
        {
            States = states,
            Ascending = order == "Asc",
            Size = size,
            AfterSequence = after,
            StartCreationTime = start,
            EndCreationTime = end,
            InputObject = string.IsNullOrEmpty(inputObject) ? null : inputObject,
            QueueId = string.IsNullOrEmpty(queueId) ? null : queueId,
            InventoryTriggerJobId = string.IsNullOrEmpty(batchId) ? null : batchId,
        };
        return null;
    }

    /// <summary>Encodes an opaque continuation token for the page after <paramref name="sequence"/>.</summary>
    internal static string EncodeToken(long sequence) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(TokenPrefix + sequence.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeToken(string token, out long sequence)
    {
        sequence = 0;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(base64));
            return text.StartsWith(TokenPrefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
