namespace CosQualityEstimate.Objects;

/// <summary>A local file checked for upload: exists, is a file, can be read; its size and write time at check time.</summary>
internal sealed class LocalFile
{
    private LocalFile(string path, long length, DateTime lastWriteUtc)
    {
        Path = path;
        Length = length;
        LastWriteUtc = lastWriteUtc;
    }

    internal string Path { get; }

    internal long Length { get; }

    internal DateTime LastWriteUtc { get; }

    /// <summary>
    /// Checks <paramref name="localPath"/> before any request: <see cref="ArgumentException"/> for an empty path or a
    /// directory, <see cref="FileNotFoundException"/> for a missing file, <see cref="ArgumentException"/> (inner exception
    /// kept) for a file that cannot be opened for reading.
    /// </summary>
    internal static LocalFile Open(string? localPath, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(localPath, parameterName);
        if (string.IsNullOrWhiteSpace(localPath))
        {
            throw new ArgumentException("The local file path must not be empty.", parameterName);
        }

        var full = System.IO.Path.GetFullPath(localPath);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"'{localPath}' is a directory; give the path of a file.", parameterName);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The file '{localPath}' does not exist.", localPath);
        }

        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            var info = new FileInfo(full);
            return new LocalFile(full, stream.Length, info.LastWriteTimeUtc);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ArgumentException($"The file '{localPath}' cannot be read: access denied.", parameterName, ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new ArgumentException($"The file '{localPath}' cannot be opened for reading: {ex.Message}", parameterName, ex);
        }
    }

    internal FileStream OpenRead(int bufferSize) =>
        new(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Throws <see cref="IOException"/> when the file changed (size or write time) since it was checked.</summary>
    internal void ThrowIfChanged()
    {
        var info = new FileInfo(Path);
        if (!info.Exists || info.Length != Length || info.LastWriteTimeUtc != LastWriteUtc)
        {
            throw new IOException($"The file '{Path}' changed while it was being uploaded; upload it again once it is complete.");
        }
    }
}
