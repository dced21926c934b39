namespace CosQualityEstimate.Serialization;

/// <summary>
/// The client token that lets a submit with an unknown outcome be reconciled: a marker appended to <c>UserData</c>
/// (the only field the service passes through), <c>cqe-token:&lt;token&gt;</c>, stripped again when jobs are read.
/// </summary>
internal static class ClientToken
{
    internal const string Marker = "cqe-token:";
    internal const int MaxTokenLength = 64;

    internal static string New() => Guid.NewGuid().ToString("N");

    internal static void Validate(string token)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            throw new ArgumentException($"ClientToken must be 1 to {MaxTokenLength} characters.", "request.ClientToken");
        }

        foreach (var c in token)
        {
            if (!IsTokenChar(c))
            {
                throw new ArgumentException("ClientToken may contain only letters, digits, '-' and '_'.", "request.ClientToken");
            }
        }
    }

    /// <summary>Characters the marker adds to UserData for <paramref name="token"/>.</summary>
    internal static int Overhead(string token, bool hasUserData) => (hasUserData ? 1 : 0) + Marker.Length + token.Length;

    internal static string Append(string? userData, string token) =>
        string.IsNullOrEmpty(userData) ? Marker + token : userData + " " + Marker + token;

    /// <summary>Splits a UserData value into the user's own text and the client token, if it carries one.</summary>
    internal static (string? UserData, string? Token) Split(string? userData)
    {
        if (userData is null)
        {
            return (null, null);
        }

        var index = userData.LastIndexOf(Marker, StringComparison.Ordinal);
        if (index < 0 || (index > 0 && userData[index - 1] != ' '))
        {
            return (userData, null);
        }

        var token = userData[(index + Marker.Length)..];
        if (token.Length is 0 or > MaxTokenLength || !token.All(IsTokenChar))
        {
            return (userData, null);
        }

        return (index == 0 ? null : userData[..(index - 1)], token);
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
