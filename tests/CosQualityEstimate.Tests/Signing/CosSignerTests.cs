using System.Security.Cryptography;
using System.Text;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Signing;

public sealed class CosSignerTests
{
    private static readonly CosCredential Credential = new("AKIDtestSecretId0123456789wxyz", "testSecretKey+/=0123456789");
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly DateTimeOffset End = DateTimeOffset.FromUnixTimeSeconds(1700003600);
    private static readonly KeyValuePair<string, string>[] None = [];
    private static readonly KeyValuePair<string, string>[] HostOnly = [Pair("Host", "bucket-1250000000.ci.ap-beijing.myqcloud.com")];

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);

    private static string Sign(string method, string path, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers) =>
        CosSigner.CreateAuthorization(Credential, method, path, query, headers, Start, End);

    private static Dictionary<string, string> Fields(string authorization) => CosSignerVectorTests.ParseAuthorization(authorization);

    // ---- Encoding -------------------------------------------------------------------------------------------

    [Fact]
    public void CreateAuthorization_ReservedCharactersInValue_PercentEncodedWithUppercaseHex()
    {
        // Hand-written HttpString per the spec: !*'() and '/' and ' ' escaped, uppercase %XX in values.
        string expected = ReferenceSigner.SignHttpString(Credential, "get\n/jobs\nq=%21%2A%27%28%29%2F%20~-_.\nhost=h\n", Start, End, "host", "q");

        string actual = Sign("GET", "/jobs", [Pair("q", "!*'()/ ~-_.")], [Pair("Host", "h")]);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CreateAuthorization_ReservedCharactersInName_NameEncodedThenLowercased()
    {
        // "A/B(x)" -> "A%2FB%28x%29" -> lowercased after encoding -> "a%2fb%28x%29".
        string expected = ReferenceSigner.SignHttpString(Credential, "get\n/\na%2fb%28x%29=V%2FW\n\n", Start, End, "", "a%2fb%28x%29");

        string actual = Sign("GET", "/", [Pair("A/B(x)", "V/W")], None);

        Assert.Equal(expected, actual);
        Assert.Equal("a%2fb%28x%29", Fields(actual)["q-url-param-list"]);
    }

    [Theory]
    [InlineData("!*'()")]
    [InlineData("a+b=c&d;e,f:g@h$i#j?k[l]m")]
    [InlineData("% %25 \"<>\\^`{|}")]
    [InlineData("视频/a b.mp4")]
    [InlineData("emoji 😀 mixed ü ß")]
    [InlineData("")]
    public void CreateAuthorization_ArbitraryQueryText_MatchesNaiveReference(string text)
    {
        KeyValuePair<string, string>[] query = [Pair("Name " + text, text), Pair("tag", text)];

        string expected = ReferenceSigner.Sign(Credential, "GET", "/jobs", query, HostOnly, Start, End);
        string actual = Sign("GET", "/jobs", query, HostOnly);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CreateAuthorization_LongUnicodeAndManyPairs_MatchesNaiveReference()
    {
        // Exceeds the stack buffers (spills to pooled arrays) and puts surrogate pairs across UTF-8 chunk boundaries.
        string longUnicode = string.Concat(Enumerable.Repeat("视😀a", 200));
        var query = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < 100; i++)
        {
            query.Add(Pair("p" + (99 - i).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? longUnicode : "v" + i));
        }

        var headers = new List<KeyValuePair<string, string>>(HostOnly);
        for (int i = 0; i < 40; i++)
        {
            headers.Add(Pair("x-cos-meta-k" + i, longUnicode));
        }

        string expected = ReferenceSigner.Sign(Credential, "PUT", "/" + longUnicode, query, headers, Start, End);
        string actual = Sign("PUT", "/" + longUnicode, query, headers);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CreateAuthorization_Always_SignatureIsLowercaseHex()
    {
        string signature = Fields(Sign("GET", "/jobs", [Pair("a", "B")], HostOnly))["q-signature"];

        Assert.Equal(40, signature.Length);
        Assert.All(signature, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f', $"'{c}' is not lowercase hex"));
    }

    // ---- Parameters -----------------------------------------------------------------------------------------

    [Fact]
    public void CreateAuthorization_ValuelessParameter_SignsAsNameEquals()
    {
        string expected = ReferenceSigner.SignHttpString(Credential, "put\n/jobs/j1\ncancel=\nhost=h\n", Start, End, "host", "cancel");

        string withNull = Sign("PUT", "/jobs/j1", [Pair("cancel", null!)], [Pair("Host", "h")]);
        string withEmpty = Sign("PUT", "/jobs/j1", [Pair("cancel", "")], [Pair("Host", "h")]);

        Assert.Equal(expected, withNull);
        Assert.Equal(expected, withEmpty);
    }

    [Fact]
    public void CreateAuthorization_ParameterOrder_DoesNotMatter()
    {
        KeyValuePair<string, string>[] ordered = [Pair("a", "1"), Pair("B", "2"), Pair("c", "3")];
        KeyValuePair<string, string>[] shuffled = [Pair("c", "3"), Pair("a", "1"), Pair("B", "2")];

        string a = Sign("GET", "/jobs", ordered, HostOnly);
        string b = Sign("GET", "/jobs", shuffled, HostOnly);

        Assert.Equal(a, b);
        Assert.Equal("a;b;c", Fields(a)["q-url-param-list"]);
    }

    [Fact]
    public void CreateAuthorization_DifferentCollectionTypes_ProduceSameAuthorization()
    {
        KeyValuePair<string, string>[] query = [Pair("size", "10"), Pair("tag", "QualityEstimate")];
        KeyValuePair<string, string>[] headers = [Pair("Host", "h"), Pair("Content-Type", "application/xml")];

        string fromArray = Sign("GET", "/jobs", query, headers);
        string fromList = Sign("GET", "/jobs", query.ToList(), headers.ToList());
        string fromDictionary = Sign("GET", "/jobs", new Dictionary<string, string>(query), new Dictionary<string, string>(headers));
        string fromReadOnly = Sign("GET", "/jobs", query.ToList().AsReadOnly(), headers.ToList().AsReadOnly());
        string fromIterator = Sign("GET", "/jobs", Yield(query), Yield(headers));

        Assert.Equal(fromArray, fromList);
        Assert.Equal(fromArray, fromDictionary);
        Assert.Equal(fromArray, fromReadOnly);
        Assert.Equal(fromArray, fromIterator);

        static IEnumerable<KeyValuePair<string, string>> Yield(IEnumerable<KeyValuePair<string, string>> source)
        {
            foreach (KeyValuePair<string, string> item in source)
            {
                yield return item;
            }
        }
    }

    // ---- Headers --------------------------------------------------------------------------------------------

    [Fact]
    public void CreateAuthorization_DuplicateHeaderNames_SortedByNameThenValue()
    {
        string expected = ReferenceSigner.SignHttpString(
            Credential, "get\n/\n\nhost=h&x-cos-meta-a=1&x-cos-meta-a=2\n", Start, End, "host;x-cos-meta-a;x-cos-meta-a", "");

        string forward = Sign("GET", "/", None, [Pair("x-cos-meta-a", "2"), Pair("Host", "h"), Pair("X-Cos-Meta-A", "1")]);
        string reverse = Sign("GET", "/", None, [Pair("X-Cos-Meta-A", "1"), Pair("x-cos-meta-a", "2"), Pair("Host", "h")]);

        Assert.Equal(expected, forward);
        Assert.Equal(expected, reverse);
    }

    [Fact]
    public void CreateAuthorization_EmptyHeaders_SignsEmptyHeaderSection()
    {
        string expected = ReferenceSigner.SignHttpString(Credential, "get\n/\n\n\n", Start, End, "", "");

        string actual = Sign("GET", "/", None, None);

        Assert.Equal(expected, actual);
        Assert.Equal(string.Empty, Fields(actual)["q-header-list"]);
        Assert.Equal(string.Empty, Fields(actual)["q-url-param-list"]);
    }

    [Fact]
    public void CreateAuthorization_OnlyUnsignedHeaders_SameAsNoHeaders()
    {
        KeyValuePair<string, string>[] unsigned =
        [
            Pair("User-Agent", "ua"), Pair("Accept", "*/*"), Pair("Date", "Thu, 16 May 2019 06:45:51 GMT"),
            Pair("Connection", "keep-alive"), Pair("Accept-Encoding", "gzip"), Pair("Authorization", "x"), Pair("x-cosy", "1"),
        ];

        Assert.Equal(Sign("GET", "/", None, None), Sign("GET", "/", None, unsigned));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("Content-Type")]
    [InlineData("CONTENT-LENGTH")]
    [InlineData("content-md5")]
    [InlineData("Cache-Control")]
    [InlineData("Content-Disposition")]
    [InlineData("Content-Encoding")]
    [InlineData("Expect")]
    [InlineData("Expires")]
    [InlineData("If-Match")]
    [InlineData("If-Modified-Since")]
    [InlineData("If-None-Match")]
    [InlineData("If-Unmodified-Since")]
    [InlineData("Origin")]
    [InlineData("Range")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Pic-Operations")]
    [InlineData("x-cos-security-token")]
    [InlineData("X-CI-Anything")]
    public void IsSignedHeader_AllowlistedName_ReturnsTrue(string name)
    {
        Assert.True(CosSigner.IsSignedHeader(name));
    }

    [Theory]
    [InlineData("User-Agent")]
    [InlineData("Accept")]
    [InlineData("Date")]
    [InlineData("Connection")]
    [InlineData("Accept-Encoding")]
    [InlineData("Authorization")]
    [InlineData("x-cos")]
    [InlineData("x-ci")]
    [InlineData("hosts")]
    [InlineData("content-typ")]
    public void IsSignedHeader_OtherName_ReturnsFalse(string name)
    {
        Assert.False(CosSigner.IsSignedHeader(name));
    }

    // ---- Path and method ------------------------------------------------------------------------------------

    [Fact]
    public void CreateAuthorization_UnicodePath_SignedAsDecodedUtf8()
    {
        string expected = ReferenceSigner.SignHttpString(Credential, "get\n/input/视频 1.mp4\n\nhost=h\n", Start, End, "host", "");

        string actual = Sign("GET", "/input/视频 1.mp4", None, [Pair("Host", "h")]);

        Assert.Equal(expected, actual);
        Assert.NotEqual(actual, Sign("GET", "/input/%E8%A7%86%E9%A2%91%201.mp4", None, [Pair("Host", "h")]));
    }

    [Fact]
    public void CreateAuthorization_MethodCase_DoesNotMatter()
    {
        Assert.Equal(Sign("post", "/jobs", None, HostOnly), Sign("POST", "/jobs", None, HostOnly));
    }

    // ---- Key time and fast path -----------------------------------------------------------------------------

    [Fact]
    public void CreateAuthorization_SubSecondTimes_TruncatedToUnixSeconds()
    {
        string actual = CosSigner.CreateAuthorization(
            Credential, "GET", "/", None, None, Start.AddMilliseconds(999), End.AddMilliseconds(1));

        Assert.Equal(Sign("GET", "/", None, None), actual);
        Assert.Equal("1700000000;1700003600", Fields(actual)["q-key-time"]);
    }

    [Fact]
    public void CreateAuthorization_CachedKey_EqualsPublicPath()
    {
        CosSigningKey key = CosSigningKey.Create(Credential, Start, End);
        KeyValuePair<string, string>[] query = [Pair("tag", "QualityEstimate"), Pair("cancel", "")];
        KeyValuePair<string, string>[] headers = [Pair("Host", "h"), Pair("Content-Length", "0"), Pair("User-Agent", "ua")];

        Assert.Equal(
            CosSigner.CreateAuthorization(Credential, "PUT", "/jobs/j1", query, headers, Start, End),
            CosSigner.CreateAuthorization(key, "PUT", "/jobs/j1", query, headers));
    }

    [Fact]
    public void CosSigningKey_Create_ExposesTruncatedWindow()
    {
        CosSigningKey key = CosSigningKey.Create(Credential, Start.AddMilliseconds(500), End);

        Assert.Same(Credential, key.Credential);
        Assert.Equal(Start, key.KeyTimeStart);
        Assert.Equal(End, key.KeyTimeEnd);
        Assert.Equal("1700000000;1700003600", key.KeyTime);
        Assert.True(key.Covers(Start.AddMinutes(1), TimeSpan.FromMinutes(5)));
        Assert.False(key.Covers(End.AddMinutes(-1), TimeSpan.FromMinutes(5)));
        Assert.DoesNotContain(Credential.SecretKey, key.ToString(), StringComparison.Ordinal);
    }

    // ---- Argument validation --------------------------------------------------------------------------------

    [Fact]
    public void CreateAuthorization_NullArguments_ThrowArgumentNullNamingParameter()
    {
        Assert.Equal("credential", Assert.Throws<ArgumentNullException>(() => CosSigner.CreateAuthorization(null!, "GET", "/", None, None, Start, End)).ParamName);
        Assert.Equal("method", Assert.Throws<ArgumentNullException>(() => CosSigner.CreateAuthorization(Credential, null!, "/", None, None, Start, End)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => CosSigner.CreateAuthorization(Credential, "GET", null!, None, None, Start, End)).ParamName);
        Assert.Equal("queryParameters", Assert.Throws<ArgumentNullException>(() => CosSigner.CreateAuthorization(Credential, "GET", "/", null!, None, Start, End)).ParamName);
        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => CosSigner.CreateAuthorization(Credential, "GET", "/", None, null!, Start, End)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => CosSigner.CreateAuthorization((CosSigningKey)null!, "GET", "/", None, None)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("GÉT")]
    public void CreateAuthorization_InvalidMethod_ThrowsArgumentException(string method)
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => Sign(method, "/", None, None));

        Assert.Equal("method", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("jobs")]
    [InlineData("https://bucket.ci.myqcloud.com/jobs")]
    public void CreateAuthorization_PathNotStartingWithSlash_ThrowsArgumentException(string path)
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Sign("GET", path, None, None)).ParamName);
    }

    [Fact]
    public void CreateAuthorization_NullOrEmptyNames_ThrowNamingCollection()
    {
        Assert.Equal("queryParameters", Assert.Throws<ArgumentNullException>(() => Sign("GET", "/", [Pair(null!, "v")], None)).ParamName);
        Assert.Equal("queryParameters", Assert.Throws<ArgumentException>(() => Sign("GET", "/", [Pair("", "v")], None)).ParamName);
        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => Sign("GET", "/", None, [Pair(null!, "v")])).ParamName);
    }

    // The official signers (cos-python-sdk-v5 CosS3Auth, cos-go-sdk-v5 AuthTime, cos-nodejs-sdk-v5 getAuth) format
    // "start;end" with whatever values they are given; so do we. Refusing a useless validity is JobsClientOptions' job.
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-3600)]
    public void CreateAuthorization_EndNotAfterStart_SignsTheWindowAsGiven(int endOffsetSeconds)
    {
        DateTimeOffset end = Start.AddSeconds(endOffsetSeconds);
        string keyTime = $"{Start.ToUnixTimeSeconds()};{end.ToUnixTimeSeconds()}";

        string authorization = CosSigner.CreateAuthorization(Credential, "GET", "/", None, None, Start, end);

        Assert.Contains("&q-sign-time=" + keyTime + "&q-key-time=" + keyTime + "&", authorization, StringComparison.Ordinal);
        Assert.Equal(ReferenceSigner.SignHttpString(Credential, "get\n/\n\n\n", Start, end, "", ""), authorization);
        CosSigningKey key = CosSigningKey.Create(Credential, Start, end);
        Assert.Equal(keyTime, key.KeyTime);
        Assert.Equal(authorization, CosSigner.CreateAuthorization(key, "GET", "/", None, None));
    }

    [Fact]
    public void CreateAuthorization_EndWithinSameSecond_SignsZeroLengthWindow()
    {
        string authorization = CosSigner.CreateAuthorization(Credential, "GET", "/", None, None, Start, Start.AddMilliseconds(500));

        Assert.Contains("&q-sign-time=1700000000;1700000000&q-key-time=1700000000;1700000000&", authorization, StringComparison.Ordinal);
    }

    // ---- Credential -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(null, "key", "secretId")]
    [InlineData("", "key", "secretId")]
    [InlineData(" \t", "key", "secretId")]
    [InlineData("id", null, "secretKey")]
    [InlineData("id", "", "secretKey")]
    [InlineData("id", "  ", "secretKey")]
    public void CosCredential_MissingIdOrKey_ThrowsNamingParameter(string? id, string? key, string expectedParam)
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => new CosCredential(id!, key!));

        Assert.Equal(expectedParam, ex.ParamName);
    }

    [Fact]
    public void CosCredential_ToString_HidesSecretKeyAndToken()
    {
        var credential = new CosCredential("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLEabcd", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "tok+EN/abc==");

        string text = credential.ToString();

        Assert.Equal("CosCredential(SecretId=****abcd, SessionToken=****)", text);
        Assert.DoesNotContain(credential.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok+EN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDz8", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CosCredential_ToStringShortIdWithoutToken_MasksWholeId()
    {
        Assert.Equal("CosCredential(SecretId=****)", new CosCredential("abcd", "k").ToString());
    }

    [Fact]
    public void CosCredential_Constructor_KeepsValues()
    {
        var credential = new CosCredential("id", "key", "token");

        Assert.Equal("id", credential.SecretId);
        Assert.Equal("key", credential.SecretKey);
        Assert.Equal("token", credential.SessionToken);
        Assert.Null(new CosCredential("id", "key").SessionToken);
    }
}
