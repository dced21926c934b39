using System.Globalization;
using System.Text;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// One shard of <c>cosqe analyze --shard K/N</c>: the files whose <see cref="IndexOf">shard index</see> is
/// <see cref="Index"/>. The assignment is stable and documented (docs/cli.md "Scaling out"): the path of a file relative
/// to the argument it was found under (a directory argument: the path below it; a file argument: its file name),
/// with '/' as the separator, encoded as UTF-8 and hashed with 64-bit FNV-1a; the shard is the hash modulo
/// <see cref="Count"/>. It depends on nothing of the machine (not the root's absolute path, not the process, not
/// <see cref="string.GetHashCode()"/>), so N machines that see the same tree analyse disjoint sets whose union is every file.
/// </summary>
internal readonly record struct Shard(int Index, int Count)
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The whole set: one shard of one.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>
    /// Parses <c>K/N</c> (decimal, K 0-based: <c>--shard $JOB_COMPLETION_INDEX/$N</c>); anything else — not two numbers, N &lt; 1,
    /// K &lt; 0 or K ≥ N — is a <see cref="CliUsageException"/> (exit 2) with one line that says what is accepted.
    /// </summary>
    public static Shard Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1
            && index < count)
        {
            return new Shard(index, count);
        }

        throw new CliUsageException($"invalid --shard \"{Output.JobText.Sanitize(text)}\": use K/N with N >= 1 and 0 <= K < N (K is 0-based, e.g. --shard 0/4 ... --shard 3/4).");
    }

    /// <summary>True when <paramref name="relativePath"/> belongs to this shard.</summary>
    public bool Contains(string relativePath) => IndexOf(relativePath, Count) == Index;

    /// <summary>The shard (0 to <paramref name="count"/> - 1) of a path relative to its argument root.</summary>
    public static int IndexOf(string relativePath, int count) => (int)(Hash(Normalize(relativePath)) % (ulong)count);

    /// <summary>The relative path as hashed: '/'-separated, no leading "./" or '/'.</summary>
    public static string Normalize(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.TrimStart('/');
    }

    /// <summary>64-bit FNV-1a of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Hash(string text)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
