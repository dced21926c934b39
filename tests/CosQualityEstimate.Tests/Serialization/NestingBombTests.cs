using System.Text;
using System.Xml;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>
/// Issue 26, library side: the readers that build a tree (a job's <c>MediaInfo</c>, the object API's answers) refuse
/// nesting on reaching <see cref="JobsResponseReader.MaxDepth"/>, while reading. Each bomb below is followed by a
/// malformed tail: a reader that built the tree first and checked it afterwards would fail on the tail (or, for the
/// object answers, accept the depth); refused while reading, it fails on the depth and never reads the rest.
/// </summary>
public sealed class NestingBombTests
{
    private const string MalformedTail = "<<< not xml &undefined; </b>";

    private static string Unclosed(int levels) => new StringBuilder(levels * 3).Insert(0, "<a>", levels).ToString();

    private static string Closed(int levels) => new StringBuilder(levels * 7).Insert(0, "<a>", levels).Insert(levels * 3, "</a>", levels).ToString();

    [Fact]
    public void JobResponse_MediaInfoBombAtTheBodyLimit_IsRefusedForItsDepth_BeforeTheRestIsRead()
    {
        const string Prefix = "<Response><JobsDetail><Operation><MediaInfo>";
        var body = Encoding.UTF8.GetBytes(Prefix + Unclosed((CosXml.MaxBodyBytes - Prefix.Length - MalformedTail.Length) / 3) + MalformedTail);

        var ex = Assert.Throws<CosResponseFormatException>(() => JobsResponseParser.Parse(new CosResponse(200, body, "req")));

        Assert.InRange(body.Length, CosXml.MaxBodyBytes - 3, CosXml.MaxBodyBytes);
        Assert.Contains("deeper than 64", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectListing_NestedBeyondTheLimit_IsRefusedForItsDepth_BeforeTheRestIsRead()
    {
        var body = Encoding.UTF8.GetBytes("<ListBucketResult><Name>b</Name>" + Unclosed(100_000) + MalformedTail);

        var ex = Assert.Throws<CosResponseFormatException>(() => ObjectXml.ReadObjectsPage(new CosResponse(200, body, "req")));

        var inner = Assert.IsType<XmlException>(ex.InnerException);
        Assert.Contains("deeper than 64", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectListing_NestingUpToTheLimit_IsRead_OneLevelMoreIsRefused()
    {
        // ListBucketResult is at depth 0 and the filler element at depth 1, so the deepest element is at depth 63 or 64.
        static CosResponse Listing(int fillerLevels) => new(200, Encoding.UTF8.GetBytes(
            "<ListBucketResult><Contents><Key>k.mp4</Key><Size>3</Size></Contents><X>" + Closed(fillerLevels) + "</X></ListBucketResult>"), "req");

        var page = ObjectXml.ReadObjectsPage(Listing(JobsResponseReader.MaxDepth - 2));

        Assert.Equal("k.mp4", Assert.Single(page.Items).Key);
        var ex = Assert.Throws<CosResponseFormatException>(() => ObjectXml.ReadObjectsPage(Listing(JobsResponseReader.MaxDepth - 1)));
        Assert.Contains("deeper than 64", ex.InnerException!.Message, StringComparison.Ordinal);
    }
}
