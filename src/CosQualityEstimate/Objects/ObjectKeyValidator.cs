using System.Text;

namespace CosQualityEstimate.Objects;

/// <summary>The object-key rules, checked before any request.</summary>
internal static class ObjectKeyValidator
{
    /// <summary>COS limits an object key to 850 bytes of UTF-8.</summary>
    internal const int MaxKeyBytes = 850;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when COS would reject <paramref name="key"/> or the client could not send it
    /// unchanged: empty, over 850 UTF-8 bytes, a control character, a leading '/', an empty, "." or ".." segment
    /// (HTTP normalises those away, so the object would land elsewhere), or (for an upload) a trailing '/' (a folder marker).
    /// </summary>
    internal static void Validate(string? key, string parameterName, bool forUpload = false)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0)
        {
            throw new ArgumentException("The object key must not be empty.", parameterName);
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new ArgumentException($"The object key is {Encoding.UTF8.GetByteCount(key)} bytes of UTF-8; COS allows at most {MaxKeyBytes}.", parameterName);
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The object key contains the control character U+{(int)c:X4}, which COS rejects.", parameterName);
            }
        }

        if (key[0] == '/')
        {
            throw new ArgumentException("The object key must not start with '/' (write \"videos/a.mp4\", not \"/videos/a.mp4\").", parameterName);
        }

        if (forUpload && key[^1] == '/')
        {
            throw new ArgumentException("The object key ends with '/', which names a folder, not a file.", parameterName);
        }

        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if ((segment.Length == 0 && i < segments.Length - 1) || segment is "." or "..")
            {
                throw new ArgumentException($"The object key has an empty, \".\" or \"..\" path segment, which HTTP clients and servers normalise away.", parameterName);
            }
        }
    }

    /// <summary>Validates a listing prefix: may be empty; otherwise the key rules without the trailing-slash rule.</summary>
    internal static void ValidatePrefix(string? prefix, string parameterName)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            Validate(prefix, parameterName);
        }
    }
}
