using System.Text;
using CosQualityEstimate.Cli.Output;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// The object-key rules the library applies (its validator is internal), checked by the CLI before any request so a bad
/// key exits 2 with nothing sent: not empty, at most 850 UTF-8 bytes, no control character, no leading '/', no empty,
/// "." or ".." segment.
/// </summary>
internal static class KeyChecks
{
    /// <summary>COS limits an object key to 850 bytes of UTF-8.</summary>
    public const int MaxKeyBytes = 850;

    /// <summary>Returns why <paramref name="key"/> is not a usable object key, or null when it is.</summary>
    public static string? Problem(string key)
    {
        if (key.Length == 0)
        {
            return "an object key must not be empty";
        }

        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes)
        {
            return $"the object key is {bytes} bytes of UTF-8; COS allows at most {MaxKeyBytes}";
        }

        if (key.Any(char.IsControl))
        {
            return "an object key must not contain control characters (such as a newline)";
        }

        if (key[0] == '/')
        {
            return "an object key must not start with '/' (write \"videos/a.mp4\", not \"/videos/a.mp4\")";
        }

        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if ((segments[i].Length == 0 && i < segments.Length - 1) || segments[i] is "." or "..")
            {
                return "an object key must not have an empty, \".\" or \"..\" path segment";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="CliUsageException"/> (exit 2) naming the first invalid key.</summary>
    public static void ThrowIfInvalid(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (Problem(key) is { } problem)
            {
                throw new CliUsageException($"invalid object key \"{Shorten(JobText.Sanitize(key))}\": {problem}.");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
