using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The name table a thread's XML readers share (<see cref="CosXml.CreateReader(Stream)"/>), so the element names of
/// every response are atomized once per thread instead of once per response. It is bounded: once the names it holds
/// reach <see cref="MaxChars"/> characters (a service that keeps inventing element names) it is replaced by a new one
/// at the next reader, so it never holds more than one table's worth plus one document's names (a document is already
/// capped at <see cref="CosXml.MaxBodyBytes"/>). Readers run synchronously and one thread uses one table at a time, so
/// the table needs no lock.
/// </summary>
internal sealed class ReusedNameTable : XmlNameTable
{
    /// <summary>Characters of distinct names a table may hold before it is replaced.</summary>
    internal const int MaxChars = 16 * 1024;

    private readonly NameTable _inner = new();

    /// <summary>Characters of the distinct names added so far.</summary>
    internal int Chars { get; private set; }

    /// <summary>True once the table holds too many characters to be kept for the next reader.</summary>
    internal bool IsFull => Chars >= MaxChars;

    /// <inheritdoc />
    public override string Add(char[] array, int offset, int length) =>
        _inner.Get(array, offset, length) ?? Added(_inner.Add(array, offset, length));

    /// <inheritdoc />
    public override string Add(string array) => _inner.Get(array) ?? Added(_inner.Add(array));

    /// <inheritdoc />
    public override string? Get(char[] array, int offset, int length) => _inner.Get(array, offset, length);

    /// <inheritdoc />
    public override string? Get(string array) => _inner.Get(array);

    private string Added(string name)
    {
        Chars += name.Length;
        return name;
    }
}
