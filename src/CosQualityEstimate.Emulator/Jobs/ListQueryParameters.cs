using System.Globalization;
using System.Text;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>
/// The paging and filter parameters that <c>GET /jobs</c> and <c>GET /inventorytriggerjob</c> share (<c>states</c>,
/// <c>size</c>, <c>orderByTime</c>, <c>nextToken</c>, <c>startCreationTime</c>, <c>endCreationTime</c>), parsed and
/// checked in one place; each list's query derives from it and keeps its own filters and token encoding.
/// </summary>
internal class ListQueryParameters
{
    private protected ListQueryParameters()
    {
    }

    /// <summary>A list query that starts with the shared parameters of <paramref name="shared"/>.</summary>
    private protected ListQueryParameters(ListQueryParameters shared)
    {
        States = shared.States;
        Ascending = shared.Ascending;
        Size = shared.Size;
        AfterSequence = shared.AfterSequence;
        StartCreationTime = shared.StartCreationTime;
        EndCreationTime = shared.EndCreationTime;
    }

    internal HashSet<string>? States { get; private protected init; }

    internal bool Ascending { get; private init; }

    internal int Size { get; private init; } = 10;

    internal long? AfterSequence { get; private init; }

    internal DateTimeOffset? StartCreationTime { get; private init; }

    internal DateTimeOffset? EndCreationTime { get; private init; }

    /// <summary>Decodes a list's own continuation token into the sequence it continues after.</summary>
    internal delegate bool TokenDecoder(string token, out long sequence);

    /// <summary>Parses the shared parameters in the order the lists check them; returns an error message naming the parameter, or <see langword="null"/>.</summary>
    internal static string? TryParse(List<KeyValuePair<string, string>> query, TokenDecoder decodeToken, out ListQueryParameters result)
    {
        result = new ListQueryParameters();
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
            if (!decodeToken(token, out var sequence))
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

        result = new ListQueryParameters
        {
            States = states,
            Ascending = order == "Asc",
            Size = size,
            AfterSequence = after,
            StartCreationTime = start,
            EndCreationTime = end,
        };
        return null;
    }

    /// <summary>The bytes a token encodes: <paramref name="prefix"/> then the sequence in invariant digits.</summary>
    internal static byte[] TokenBytes(string prefix, long sequence) =>
        Encoding.ASCII.GetBytes(prefix + sequence.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads the sequence back from decoded token bytes; false unless they start with <paramref name="prefix"/> followed by digits only.</summary>
    internal static bool TryReadTokenBytes(byte[] bytes, string prefix, out long sequence)
    {
        var text = Encoding.ASCII.GetString(bytes);
        sequence = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
