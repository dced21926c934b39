using System.Text;
using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The name table of <see cref="PlainSubsetXmlReader"/>: element names arrive as ASCII bytes, and a known name is found
/// from those bytes (one hash over them, one byte comparison) without widening them to characters first; a new name is
/// added to the reader's <see cref="XmlNameTable"/> too, so <see cref="XmlReader.NameTable"/> holds the same strings.
/// Bounded: the names it holds may take at most <see cref="ReusedNameTable.MaxChars"/> characters in all; a name past
/// that throws <see cref="XmlException"/> (and the reader is replaced). Not thread-safe (one reader, one thread).
/// </summary>
internal sealed class AsciiNameTable
{
    private readonly NameTable _table = new();
    private byte[]?[] _keys = new byte[]?[64];
    private string?[] _names = new string?[64];
    private int _count;

    /// <summary>Characters of the distinct names held.</summary>
    internal int Chars { get; private set; }

    /// <summary>The table the strings are also kept in (for <see cref="XmlReader.NameTable"/>).</summary>
    internal XmlNameTable Table => _table;

    /// <summary>The one string for the ASCII name <paramref name="name"/> (not empty; checked by the caller).</summary>
    /// <exception cref="XmlException">The name is new and would take the table past its quota.</exception>
    internal string Get(ReadOnlySpan<byte> name)
    {
        var mask = _keys.Length - 1;
        var slot = Hash(name) & mask;
        while (_keys[slot] is { } key)
        {
            if (name.SequenceEqual(key))
            {
                return _names[slot]!;
            }

            slot = (slot + 1) & mask;
        }

        if (Chars + name.Length > ReusedNameTable.MaxChars)
        {
            throw new XmlException($"The reader's name table would pass its {ReusedNameTable.MaxChars}-character quota.");
        }

        var added = _table.Add(Encoding.ASCII.GetString(name));
        Chars += name.Length;
        _keys[slot] = name.ToArray();
        _names[slot] = added;
        if (++_count * 2 > _keys.Length)
        {
            Grow();
        }

        return added;
    }

    private void Grow()
    {
        var keys = _keys;
        var names = _names;
        _keys = new byte[]?[keys.Length * 2];
        _names = new string?[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                var slot = Hash(key) & mask;
                while (_keys[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                _keys[slot] = key;
                _names[slot] = names[i];
            }
        }
    }

    /// <summary>
    /// The process's randomly seeded hash of the bytes (<see cref="HashCode"/>): names come from the service, so a hash
    /// anyone can compute would let a hostile answer fill the table with colliding names (each under the quota) and make
    /// every look-up of a long body scan them all.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode() & 0x7FFFFFFF;
    }
}
