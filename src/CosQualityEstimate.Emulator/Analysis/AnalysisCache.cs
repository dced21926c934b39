namespace CosQualityEstimate.Emulator.Analysis;

/// <summary>
/// The analysis outcomes by object ETag, at most <see cref="Capacity"/> of them: adding one more drops the least
/// recently used (a hit counts as a use). An entry may still be running; dropping it only means a later job on the same
/// content starts a new analysis. Not thread-safe: <see cref="StoredObjectAnalyzer"/> calls it under its lock.
/// </summary>
internal sealed class AnalysisCache
{
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, Task<AnalysisOutcome>>>> _byETag = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, Task<AnalysisOutcome>>> _recency = new();

    /// <summary>Creates an empty cache.</summary>
    /// <param name="capacity">At least 1.</param>
    internal AnalysisCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most entries kept.</summary>
    internal int Capacity { get; }

    /// <summary>The entries kept now.</summary>
    internal int Count => _byETag.Count;

    /// <summary>The outcome for <paramref name="etag"/>, marked as the most recently used; <see langword="false"/> when absent.</summary>
    internal bool TryGet(string etag, out Task<AnalysisOutcome> outcome)
    {
        if (_byETag.TryGetValue(etag, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            outcome = node.Value.Value;
            return true;
        }

        outcome = null!;
        return false;
    }

    /// <summary>Adds (or replaces) the outcome for <paramref name="etag"/> as the most recently used, dropping the least recently used over <see cref="Capacity"/>.</summary>
    internal void Add(string etag, Task<AnalysisOutcome> outcome)
    {
        Remove(etag);
        _byETag.Add(etag, _recency.AddFirst(new KeyValuePair<string, Task<AnalysisOutcome>>(etag, outcome)));
        while (_byETag.Count > Capacity)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _byETag.Remove(oldest.Value.Key);
        }
    }

    /// <summary>Removes the entry for <paramref name="etag"/>, if any.</summary>
    internal void Remove(string etag)
    {
        if (_byETag.Remove(etag, out var node))
        {
            _recency.Remove(node);
        }
    }
}
