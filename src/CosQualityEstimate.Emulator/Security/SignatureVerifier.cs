using System.Security.Cryptography;
using System.Text;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Signing;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Security;

/// <summary>
/// Verifies the COS signature of a request by recomputing it with <c>CosSigner.CreateAuthorization</c> from the
/// method, the decoded path, every query parameter, and the received headers named in <c>q-header-list</c>.
/// </summary>
internal sealed class SignatureVerifier
{
    private readonly CredentialStore _credentials;
    private readonly TimeProvider _time;
    private readonly TimeSpan _allowedSkew;

    internal SignatureVerifier(CredentialStore credentials, TimeProvider time, TimeSpan allowedSkew)
    {
        _credentials = credentials;
        _time = time;
        _allowedSkew = allowedSkew;
    }

    /// <summary>Returns <see langword="null"/> when the request is authentic, else the error (status, code, message).</summary>
    internal (int Status, string Code, string Message)? Verify(HttpRequest request, List<KeyValuePair<string, string>> query)
    {
        var authorization = AuthorizationHeader.TryParse(request.Headers.Authorization.ToString());
        if (authorization is null)
        {
            return (403, ErrorCodes.AccessDenied, "Missing or malformed Authorization header.");
        }

        var entry = _credentials.Find(authorization.SecretId);
        var now = _time.GetUtcNow();
        if (entry is null)
        {
            return _credentials.IsRevoked(authorization.SecretId)
                ? (403, ErrorCodes.ExpiredToken, "The credential has been revoked.")
                : (403, ErrorCodes.InvalidAccessKeyId, "The SecretId (q-ak) is not known.");
        }

        if (entry.ExpiresAt is { } expiresAt && now >= expiresAt)
        {
            return (403, ErrorCodes.ExpiredToken, "The credential has expired.");
        }

        var credential = entry.Credential;
        if (!string.IsNullOrEmpty(credential.SessionToken))
        {
            var token = request.Headers["x-cos-security-token"].ToString();
            if (token.Length == 0)
            {
                token = request.Headers["x-ci-security-token"].ToString();
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(credential.SessionToken)))
            {
                return (400, ErrorCodes.InvalidToken, "The request must carry the credential's session token in x-cos-security-token or x-ci-security-token.");
            }
        }

        var start = DateTimeOffset.FromUnixTimeSeconds(authorization.KeyStart);
        var end = DateTimeOffset.FromUnixTimeSeconds(authorization.KeyEnd);
        if (start > now + _allowedSkew || (end < now && start < now - _allowedSkew))
        {
            return (403, ErrorCodes.RequestTimeTooSkewed, "The difference between the request time and the server's time is too large.");
        }

        if (end < now)
        {
            return (403, ErrorCodes.AccessDenied, "Request has expired");
        }

        if (!CoversQuery(authorization.ParamList, query))
        {
            return (403, ErrorCodes.SignatureDoesNotMatch, "q-url-param-list does not name exactly the query parameters of the request.");
        }

        // Stricter than "whatever the client chose to list": the Host must be signed, and so must the session token of a
        // temporary credential, so a client that stops signing them fails here instead of passing every test.
        if (!authorization.HeaderList.Contains("host", StringComparer.OrdinalIgnoreCase))
        {
            return (403, ErrorCodes.SignatureDoesNotMatch, "q-header-list must include host.");
        }

        if (credential.SessionToken is not null
            && !authorization.HeaderList.Contains("x-cos-security-token", StringComparer.OrdinalIgnoreCase)
            && !authorization.HeaderList.Contains("x-ci-security-token", StringComparer.OrdinalIgnoreCase))
        {
            return (403, ErrorCodes.SignatureDoesNotMatch, "q-header-list must include the session token header.");
        }

        var headers = new List<KeyValuePair<string, string>>(authorization.HeaderList.Length);
        foreach (var name in authorization.HeaderList)
        {
            var values = request.Headers[name];
            if (values.Count == 0)
            {
                return (403, ErrorCodes.SignatureDoesNotMatch, $"The signed header '{name}' is not in the request.");
            }

            headers.Add(new(name, values.ToString()));
        }

        var path = request.Path.HasValue ? request.Path.Value! : "/";
        var expected = CosSigner.CreateAuthorization(
            new CosCredential(credential.SecretId, credential.SecretKey),
            request.Method,
            path,
            query,
            headers,
            start,
            end);
        var expectedSignature = expected[(expected.LastIndexOf('=') + 1)..];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedSignature), Encoding.ASCII.GetBytes(authorization.Signature))
            ? null
            : (403, ErrorCodes.SignatureDoesNotMatch, "The request signature we calculated does not match the signature you provided.");
    }

    /// <summary>Every listed name is a query parameter, and every query parameter is listed (names compared lowercased and encoded).</summary>
    private static bool CoversQuery(string[] paramList, List<KeyValuePair<string, string>> query)
    {
        var listed = new HashSet<string>(paramList, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in query)
        {
            present.Add(Uri.EscapeDataString(name).ToLowerInvariant());
        }

        return listed.SetEquals(present);
    }
}
