namespace CosQualityEstimate.Emulator.Objects;

/// <summary>A read-only, forward-only stream over several files in order (an object stored as its parts).</summary>
internal sealed class ConcatenatedFileStream : Stream
{
    private readonly IReadOnlyList<string> _paths;
    private int _index;
    private FileStream? _current;

    internal ConcatenatedFileStream(IReadOnlyList<string> paths)
    {
        _paths = paths;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (Current() is { } file)
        {
            var read = file.Read(buffer);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            Advance();
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (Current() is { } file)
        {
            var read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            Advance();
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }

    private FileStream? Current()
    {
        if (_current is null && _index < _paths.Count)
        {
            _current = new FileStream(_paths[_index], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 128 * 1024, useAsync: true);
        }

        return _current;
    }

    private void Advance()
    {
        _current?.Dispose();
        _current = null;
        _index++;
    }
}
