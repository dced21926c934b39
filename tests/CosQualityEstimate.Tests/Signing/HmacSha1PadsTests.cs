using System.Security.Cryptography;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Tests.Signing;

/// <summary><see cref="HmacSha1Pads"/> gives exactly the BCL's HMAC-SHA1 (the signer's last step with a precomputed key).</summary>
public sealed class HmacSha1PadsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(40)] // the COS SignKey: lowercase hex of a SHA-1
    [InlineData(63)]
    [InlineData(64)]
    public void Compute_EveryKeyLengthUpToABlock_EqualsHmacSha1_ForEveryMessageLength(int keyLength)
    {
        var random = new Random(1234 + keyLength);
        var key = new byte[keyLength];
        random.NextBytes(key);
        var pads = new HmacSha1Pads(key);
        Span<byte> expected = stackalloc byte[20];
        Span<byte> actual = stackalloc byte[20];
        for (var length = 0; length <= HmacSha1Pads.MaxMessageLength; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);

            HMACSHA1.HashData(key, message, expected);
            pads.Compute(message, actual);

            Assert.True(expected.SequenceEqual(actual), $"key {keyLength} bytes, message {length} bytes");
        }
    }

    [Fact]
    public void Compute_Rfc2202TestCase2_GivesThePublishedMac()
    {
        // RFC 2202, HMAC-SHA-1 test case 2: key "Jefe", data "what do ya want for nothing?".
        var pads = new HmacSha1Pads("Jefe"u8);
        Span<byte> mac = stackalloc byte[20];

        pads.Compute("what do ya want for nothing?"u8, mac);

        Assert.Equal("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", Convert.ToHexString(mac).ToLowerInvariant());
    }

    [Fact]
    public void Create_KeyLongerThanABlock_OrMessageLongerThanTheBuffer_IsRefused()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new HmacSha1Pads(new byte[65])).ParamName);
        var pads = new HmacSha1Pads(new byte[40]);
        Assert.Equal("message", Assert.Throws<ArgumentException>(() => pads.Compute(new byte[HmacSha1Pads.MaxMessageLength + 1], new byte[20])).ParamName);
    }
}
