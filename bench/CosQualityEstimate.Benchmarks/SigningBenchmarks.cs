using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// Cost of signing the QualityEstimate submit request (POST /jobs) against a baseline that only performs
/// the unavoidable crypto (HMAC-SHA1 for SignKey, SHA-1 of HttpString, HMAC-SHA1 for the signature) on
/// inputs of the same size.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly DateTimeOffset End = DateTimeOffset.FromUnixTimeSeconds(1700003600);

    private readonly CosCredential _credential = new("AKIDEXAMPLEqwertyuiop0123456789abcd", "EXAMPLEsecretKeyABCDEFGHIJ012345");
    private readonly KeyValuePair<string, string>[] _query = [];
    private readonly KeyValuePair<string, string>[] _headers =
    [
        new("Host", "examplebucket-1250000000.ci.ap-beijing.myqcloud.com"),
        new("Content-Type", "application/xml"),
        new("Content-Length", "341"),
        new("Content-MD5", "q7Cd0+kknKN45AW2A6+HUA=="),
        new("User-Agent", "cos-csharp-sdk/0.1"),
    ];

    private CosSigningKey _signingKey = null!;
    private byte[] _secretKeyBytes = null!;
    private byte[] _keyTimeBytes = null!;
    private byte[] _signKeyHexBytes = null!;
    private byte[] _httpStringBytes = null!;
    private byte[] _stringToSignBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signingKey = CosSigningKey.Create(_credential, Start, End);
        const string keyTime = "1700000000;1700003600";
        _secretKeyBytes = Encoding.UTF8.GetBytes(_credential.SecretKey);
        _keyTimeBytes = Encoding.ASCII.GetBytes(keyTime);
        _signKeyHexBytes = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA1.HashData(_secretKeyBytes, _keyTimeBytes)));
        const string httpString = "post\n/jobs\n\ncontent-length=341&content-md5=q7Cd0%2BkknKN45AW2A6%2BHUA%3D%3D"
            + "&content-type=application%2Fxml&host=examplebucket-1250000000.ci.ap-beijing.myqcloud.com\n";
        _httpStringBytes = Encoding.ASCII.GetBytes(httpString);
        _stringToSignBytes = Encoding.ASCII.GetBytes("sha1\n" + keyTime + "\n" + Convert.ToHexStringLower(SHA1.HashData(_httpStringBytes)) + "\n");

        string expected = CosSigner.CreateAuthorization(_credential, "POST", "/jobs", _query, _headers, Start, End);
        if (!expected.EndsWith("c8d586160e4828f260d9a76c6148c0f3ae8fe309", StringComparison.Ordinal) ||
            expected != CosSigner.CreateAuthorization(_signingKey, "POST", "/jobs", _query, _headers))
        {
            throw new InvalidOperationException("Signer does not reproduce the submit-quality-estimate-post vector.");
        }
    }

    [Benchmark(Baseline = true)]
    public byte CryptoOnly()
    {
        Span<byte> a = stackalloc byte[20];
        Span<byte> b = stackalloc byte[20];
        Span<byte> c = stackalloc byte[20];
        HMACSHA1.HashData(_secretKeyBytes, _keyTimeBytes, a);
        SHA1.HashData(_httpStringBytes, b);
        HMACSHA1.HashData(_signKeyHexBytes, _stringToSignBytes, c);
        return (byte)(a[0] ^ b[0] ^ c[0]);
    }

    [Benchmark]
    public string SignSubmitRequest() =>
        CosSigner.CreateAuthorization(_credential, "POST", "/jobs", _query, _headers, Start, End);

    [Benchmark]
    public string SignSubmitRequestCachedKey() =>
        CosSigner.CreateAuthorization(_signingKey, "POST", "/jobs", _query, _headers);
}
