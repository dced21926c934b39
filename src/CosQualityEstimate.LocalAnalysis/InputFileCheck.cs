namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Before ffmpeg runs: a path that is not there is <see cref="MediaUnreadableException"/> ("no such file"), a directory
/// or a file this process cannot open is <see cref="MediaAccessException"/>, and an empty file (or one that is not a
/// regular file, such as a FIFO, whose opening would wait for a writer) is <see cref="MediaUnreadableException"/>.
/// </summary>
internal static class InputFileCheck
{
    public static void ThrowIfUnreadable(string path, string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new MediaAccessException($"'{path}' could not be read: it is a directory, not a file");
        }

        if (!File.Exists(fullPath))
        {
            const string reason = "no such file";
            throw new MediaUnreadableException($"'{path}' is not a readable video: {reason}") { FfmpegReason = reason };
        }

        try
        {
            if (new FileInfo(fullPath).Length == 0)
            {
                const string reason = "the file is empty (0 bytes) or not a regular file";
                throw new MediaUnreadableException($"'{path}' is not a readable video: {reason}") { FfmpegReason = reason };
            }

            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            _ = stream.ReadByte();
        }
        catch (FileNotFoundException)
        {
            const string reason = "no such file";
            throw new MediaUnreadableException($"'{path}' is not a readable video: {reason}") { FfmpegReason = reason };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MediaAccessException($"'{path}' could not be read: {e.Message}", e);
        }
    }
}
