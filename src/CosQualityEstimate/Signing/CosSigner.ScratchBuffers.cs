using System.Buffers;

namespace CosQualityEstimate.Signing;

// The scratch storage of one signing: encoded pairs and their offsets, on the stack first, spilling to ArrayPool.
public static partial class CosSigner
{
    /// <summary>Offsets of one encoded (name, value) pair inside the scratch buffer.</summary>
    private struct Entry
    {
        public int NameStart;
        public int NameLength;
        public int ValueStart;
        public int ValueLength;
    }

    /// <summary>A growable list of <see cref="Entry"/> starting on the stack, spilling to <see cref="ArrayPool{T}"/>.</summary>
    private ref struct EntryList
    {
        private Span<Entry> _items;
        private Entry[]? _rented;

        public EntryList(Span<Entry> initial)
        {
            _items = initial;
            _rented = null;
            Count = 0;
        }

        public int Count { get; private set; }

        public readonly Span<Entry> Span => _items[..Count];

        public void Add(Entry entry)
        {
            if (Count == _items.Length)
            {
                Entry[] larger = ArrayPool<Entry>.Shared.Rent(_items.Length * 2);
                _items.CopyTo(larger);
                Return();
                _items = _rented = larger;
            }

            _items[Count++] = entry;
        }

        public void Dispose()
        {
            Return();
            _items = default;
        }

        private readonly void Return()
        {
            if (_rented is not null)
            {
                ArrayPool<Entry>.Shared.Return(_rented);
            }
        }
    }

    /// <summary>A growable byte buffer starting on the stack, spilling to <see cref="ArrayPool{T}"/>.</summary>
    private ref struct ByteBuffer
    {
        private Span<byte> _bytes;
        private byte[]? _rented;

        public ByteBuffer(Span<byte> initial)
        {
            _bytes = initial;
            _rented = null;
            Length = 0;
        }

        public int Length { get; private set; }

        public readonly ReadOnlySpan<byte> Written => _bytes[..Length];

        public readonly Span<byte> Free => _bytes[Length..];

        public void Advance(int count) => Length += count;

        public void EnsureCapacity(int additional)
        {
            if (_bytes.Length - Length >= additional)
            {
                return;
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + additional));
            _bytes[..Length].CopyTo(larger);
            Return();
            _bytes = _rented = larger;
        }

        public void Dispose()
        {
            Return();
            _bytes = default;
        }

        private readonly void Return()
        {
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }
        }
    }
}
