namespace CosQualityEstimate.Signing;

// The COS header allowlist: which request headers are part of the signature.
public static partial class CosSigner
{
    /// <summary>Returns whether a header with this name is part of the COS signature (case-insensitive).</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> for allowlisted names and every <c>x-cos-*</c> / <c>x-ci-*</c> name.</returns>
    internal static bool IsSignedHeader(string name)
    {
        if (name.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("x-ci-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return name.Length switch
        {
            4 => EqualsIgnoreCase(name, "host"),
            5 => EqualsIgnoreCase(name, "range"),
            6 => EqualsIgnoreCase(name, "expect") || EqualsIgnoreCase(name, "origin"),
            7 => EqualsIgnoreCase(name, "expires"),
            8 => EqualsIgnoreCase(name, "if-match"),
            11 => EqualsIgnoreCase(name, "content-md5"),
            12 => EqualsIgnoreCase(name, "content-type"),
            13 => EqualsIgnoreCase(name, "cache-control") || EqualsIgnoreCase(name, "if-none-match"),
            14 => EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "pic-operations"),
            16 => EqualsIgnoreCase(name, "content-encoding"),
            17 => EqualsIgnoreCase(name, "if-modified-since") || EqualsIgnoreCase(name, "transfer-encoding"),
            19 => EqualsIgnoreCase(name, "content-disposition") || EqualsIgnoreCase(name, "if-unmodified-since"),
            _ => false,
        };

        static bool EqualsIgnoreCase(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
