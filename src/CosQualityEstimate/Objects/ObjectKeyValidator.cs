using System.Globalization;
using System.Text;

namespace CosQualityEstimate.Objects;

/// <summary>
/// The object-key rules every call of this library applies before anything is sent, public so a tool can check its
/// inputs with exactly the same rules (the <c>cosqe</c> CLI does): not empty, at most <see cref="MaxKeyBytes"/> bytes of
/// UTF-8, no control character, no leading '/', no empty, "." or ".." path segment, and (for an upload) no trailing '/'.
/// </summary>
public static class ObjectKeyValidator
{
    /// <summary>COS limits an object key to 850 bytes of UTF-8.</summary>
    public const int MaxKeyBytes = 850;

    /// <summary>
    /// Why COS would reject <paramref name="key"/> or the client could not send it unchanged (one sentence), or
    /// <see langword="null"/> when the key is usable.
    /// </summary>
    /// <param name="key">The object key, for example <c>videos/a.mp4</c>.</param>
    /// <param name="forUpload"><see langword="true"/> for the key of an upload, which also must not end with '/' (a folder marker).</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static string? GetProblem(string key, bool forUpload = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            return "The object key must not be empty.";
        }

        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The object key is {bytes} bytes of UTF-8; COS allows at most {MaxKeyBytes}.");
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"The object key contains the control character U+{(int)c:X4}; COS rejects control characters (such as a newline).");
            }
        }

        if (key[0] == '/')
        {
            return "The object key must not start with '/' (write \"videos/a.mp4\", not \"/videos/a.mp4\").";
        }

        if (forUpload && key[^1] == '/')
        {
            return "The object key ends with '/', which names a folder, not a file.";
        }

        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if ((segment.Length == 0 && i < segments.Length - 1) || segment is "." or "..")
            {
                return "The object key has an empty, \".\" or \"..\" path segment, which HTTP clients and servers normalise away (the object would land elsewhere).";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when <see cref="GetProblem"/> finds one.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="parameterName">The parameter name the exception carries.</param>
    /// <param name="forUpload"><see langword="true"/> for the key of an upload (no trailing '/').</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a usable object key.</exception>
    public static void Validate(string? key, string parameterName, bool forUpload = false)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (GetProblem(key, forUpload) is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
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
