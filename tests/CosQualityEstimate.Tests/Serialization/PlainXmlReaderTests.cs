using System.Text;
using System.Xml;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>
/// The plain path of the response reader (<see cref="PlainXmlReader"/>): it reads the common answer, agrees with the
/// hardened reader on every document it accepts, declines everything outside its subset and every document the
/// hardened reader rejects, and keeps its name table bounded. (The differential tests of <see cref="HandWrittenXmlTests"/>
/// run through it too, since <see cref="JobsResponseReader.Read(byte[])"/> tries it first.)
/// </summary>
public sealed class PlainXmlReaderTests
{
    public static TheoryData<string> Fixtures() => new(HandWrittenXmlTests.ResponseFixtures);

    [Theory]
    [InlineData("")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")]
    [InlineData("<?xml version='1.0' encoding='utf-8' standalone='yes' ?>")]
    [InlineData("<?xml version=\"1.0\"?>\r\n")]
    public void TheSubmitAnswer_IsReadOnThePlainPath_AsTheHardenedReaderReadsIt(string declaration)
    {
        foreach (var text in new[] { Fixture.Text("seed-submit-response.xml"), Fixture.Compact(Fixture.Text("seed-submit-response.xml")) })
        {
            var body = Encoding.UTF8.GetBytes(declaration + text);
            Assert.True(PlainXmlReader.IsPlain(body));
            Assert.True(JobsResponseReader.TryReadPlain(body, out var plain));
            Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", Assert.Single(plain.JobsDetail).JobId);
            AssertSame(JobsResponseReader.ReadHardened(body), plain);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryVariant_PlainPathAgreesWithTheHardenedReader_OrDeclines(string fixture)
    {
        int taken = 0, declined = 0;
        var fixtureIsPlain = PlainXmlReader.IsPlain(Fixture.Bytes(fixture)); // not the one whose MediaInfo has an attribute
        foreach (var variant in HandWrittenXmlTests.Variants(Fixture.Text(fixture)))
        {
            if (Compare(Encoding.UTF8.GetBytes(variant)))
            {
                taken++;
            }
            else
            {
                declined++;
            }
        }

        // Both paths are exercised: plain variants (reordered, compact, CRLF, empty leaves, duplicates) and the others
        // (comments, CDATA, attributes, namespaces, character references).
        Assert.True(!fixtureIsPlain || taken >= 10, $"plain path taken for {taken} variants");
        Assert.True(declined >= 3, $"declined {declined} variants");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryTruncation_IsDeclined(string fixture)
    {
        var body = Fixture.Bytes(fixture);
        for (var length = 0; length < body.Length; length++)
        {
            var cut = body.AsSpan(0, length).ToArray();
            if (JobsResponseReader.TryReadPlain(cut, out _))
            {
                // Only a cut in the trailing whitespace leaves the whole document.
                Assert.True(body.AsSpan(length).Trim("\r\n\t "u8).IsEmpty, $"accepted a cut at {length}");
                AssertSame(JobsResponseReader.ReadHardened(cut), JobsResponseReader.Read(cut));
            }
            else if (!body.AsSpan(length).Trim("\r\n\t "u8).IsEmpty)
            {
                Assert.ThrowsAny<Exception>(() => JobsResponseReader.ReadHardened(cut));
            }
        }
    }

    [Theory]
    [InlineData("<Response/>")]
    [InlineData("<Response></Response>")]
    [InlineData("<Response >\n  \n</Response >")]
    [InlineData("\r\n <Response/>\n\t")]
    [InlineData("<Response><JobsDetail></JobsDetail><JobsDetail/><JobsDetail><JobId>a</JobId></JobsDetail></Response>")]
    [InlineData("<Response><NonExistJobIds>a</NonExistJobIds><NonExistJobIds/><NonExistJobIds> b </NonExistJobIds><NextToken>t</NextToken></Response>")]
    [InlineData("<Response><EventName>a</EventName><EventName>b</EventName><NextToken>1</NextToken><NextToken>2</NextToken></Response>")]
    [InlineData("<Response><JobsDetail><Code>\r\n a\r b \n\t</Code><Message>&amp;&lt;&gt;&quot;&apos; x&amp;amp;</Message></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Code>a > b ] ]> ]</Code></JobsDetail></Response>")]
    [InlineData("<Response><EventName>视频 🎬 é</EventName></Response>")]
    [InlineData("<Response><JobsDetail><Operation><MediaInfo><Format><Duration>1</Duration></Format><Stream><Video><Width>1</Width></Video><Audio/></Stream></MediaInfo><QualityEstimate><Score>7</Score></QualityEstimate></Operation></JobsDetail></Response>")]
    [InlineData("<Response><Unknown><JobsDetail><JobId>not-bound</JobId></JobsDetail></Unknown><JobsDetail><Unknown><Code>x</Code></Unknown><Code>y</Code></JobsDetail></Response>")]
    [InlineData("<Response><_a.b-c9>x</_a.b-c9></Response>")]
    [InlineData("<Response><JobsDetail><JobId>   </JobId><Message>\n</Message><Code>\r\n\t </Code><Tag> a\n b </Tag></JobsDetail><EventName> </EventName></Response>")] // whitespace-only values are kept
    [InlineData("<Response><EventName>&lt;x&gt;</EventName><NextToken>&amp;&amp;</NextToken></Response>")]
    public void PlainDocuments_AreReadOnThePlainPath_AsTheHardenedReaderReadsThem(string xml)
    {
        Assert.True(Compare(Encoding.UTF8.GetBytes(xml)), "declined");
    }

    [Theory]
    [InlineData("<Response><JobsDetail><Code>a<b>x</b>c</Code></JobsDetail></Response>")] // element in string content
    [InlineData("<Response><NonExistJobIds><x/></NonExistJobIds></Response>")]
    [InlineData("<Response><EventName>a</EventName>")] // truncated
    [InlineData("<Response><EventName>a</Event></Response>")] // mismatched end tag
    [InlineData("<Response><a><b></a></b></Response>")] // crossed end tags
    [InlineData("<Response></Response></Response>")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not xml")]
    [InlineData("<Error><Code>NoSuchKey</Code></Error>")] // wrong root
    [InlineData("<response/>")] // wrong case
    [InlineData("<Response xmlns='urn:x'><EventName>a</EventName></Response>")] // wrong namespace
    [InlineData("<Response><EventName>&nbsp;</EventName></Response>")] // undefined entity
    [InlineData("<Response><EventName>&amp</EventName></Response>")]
    [InlineData("<Response><EventName>a & b</EventName></Response>")]
    [InlineData("<Response><EventName>a < b</EventName></Response>")]
    [InlineData("<Response><EventName>\u0001</EventName></Response>")] // invalid character
    [InlineData("<Response><EventName>&#x1;</EventName></Response>")] // invalid character reference (the UTF-8 reader accepts it)
    [InlineData("<Response><EventName>\uFFFF</EventName></Response>")]
    [InlineData("<!DOCTYPE Response [<!ENTITY x \"y\">]><Response><EventName>&x;</EventName></Response>")] // DTD
    [InlineData("<!DOCTYPE Response SYSTEM \"file:///etc/passwd\"><Response/>")] // external DTD
    [InlineData("<!DOCTYPE Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Response><EventName>&xxe;</EventName></Response>")] // external entity
    [InlineData("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><Response><EventName>&lol2;</EventName></Response>")] // entity expansion
    [InlineData("<Response><JobsDetail a='1' a='2'/></Response>")] // duplicate attribute
    [InlineData("<Response></Response><Response></Response>")] // second root
    [InlineData("<Response></Response>  <x/>")]
    [InlineData("<Response/>junk")]
    [InlineData("junk<Response/>")]
    [InlineData(" <?xml version='1.0'?><Response/>")] // declaration not at the start
    [InlineData("<?xml version='1.0'?><?xml version='1.0'?><Response/>")]
    [InlineData("<?xml version='2.0'?><Response/>")]
    [InlineData("<Response><1a>x</1a></Response>")] // a name starting with a digit
    [InlineData("<Response><a:b>x</a:b></Response>")] // undeclared prefix
    [InlineData("<Response><x>]]></x></Response>")] // ']]>' in text
    public void DocumentsTheHardenedReaderRejects_AreDeclined(string xml)
    {
        var body = Encoding.UTF8.GetBytes(xml);
        Assert.False(JobsResponseReader.TryReadPlain(body, out _));
        Assert.ThrowsAny<Exception>(() => JobsResponseReader.ReadHardened(body));
        Assert.Throws<CosResponseFormatException>(() => JobsResponseParser.Parse(new CosResponse(200, body, "req")));
    }

    [Theory]
    [InlineData("<Response><!--c--></Response>")]
    [InlineData("<Response><![CDATA[x]]></Response>")]
    [InlineData("<Response><?pi x?></Response>")]
    [InlineData("<Response a='1'/>")]
    [InlineData("<Response xmlns=''/>")]
    [InlineData("<Response><EventName>&#65;</EventName></Response>")]
    [InlineData("<?xml version='1.0' encoding='iso-8859-1'?><Response/>")]
    [InlineData("<?xml version='1.0'  encoding='utf-8'?><Response/>")]
    [InlineData("\uFEFF<Response/>")] // byte order mark
    public void DocumentsOutsideTheSubset_AreNotPlain_AndGoToTheHardenedReader(string xml)
    {
        var body = Encoding.UTF8.GetBytes(xml);
        Assert.False(PlainXmlReader.IsPlain(body));
        Assert.False(JobsResponseReader.TryReadPlain(body, out _));
        AssertSame(JobsResponseReader.ReadHardened(body), JobsResponseReader.Read(body));
    }

    [Fact]
    public void InvalidUtf8_AndTheNonCharactersFffeFfff_AreNotPlain()
    {
        foreach (var bad in new byte[][] { [0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF] })
        {
            byte[] body = [.. "<Response><EventName>"u8, .. bad, .. "</EventName></Response>"u8];
            Assert.False(PlainXmlReader.IsPlain(body));
            Assert.False(JobsResponseReader.TryReadPlain(body, out _));
        }
    }

    [Fact]
    public void NestingBeyondTheLimit_IsDeclined_AndRejectedByTheHardenedReader()
    {
        string Build(int depth) => string.Concat(Enumerable.Repeat("<a>", depth - 1)).Insert(0, "<Response>") + string.Concat(Enumerable.Repeat("</a>", depth - 1)) + "</Response>";

        Assert.True(Compare(Encoding.UTF8.GetBytes(Build(JobsResponseReader.MaxDepth))));
        var tooDeep = Encoding.UTF8.GetBytes(Build(JobsResponseReader.MaxDepth + 1));
        Assert.False(PlainXmlReader.IsPlain(tooDeep));
        var ex = Assert.Throws<CosResponseFormatException>(() => JobsResponseParser.Parse(new CosResponse(200, tooDeep, "req")));
        Assert.Contains("deeper than 64", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNameTable_IsBounded_AndKnownNamesAreNotCountedAgain()
    {
        // The same names again and again never reach the quota: the reader is kept.
        var seed = Fixture.Bytes("seed-submit-response.xml");
        var replacements = PlainXmlReader.ReaderReplacements;
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(JobsResponseReader.TryReadPlain(seed, out _));
        }

        Assert.Equal(replacements, PlainXmlReader.ReaderReplacements);

        // A service that invents element names: every body adds 100 new 30-character names (3,000 characters), so about
        // every sixth body reaches the reader's 16 K-character quota; that body is declined (and read by the hardened
        // reader), the reader is replaced, and the next body is read on the plain path again.
        int plain = 0, declined = 0;
        var previousDeclined = false;
        for (var doc = 0; doc < 30; doc++)
        {
            var sb = new StringBuilder("<Response><JobsDetail><JobId>j").Append(doc).Append("</JobId></JobsDetail>");
            for (var i = 0; i < 100; i++)
            {
                sb.Append('<').Append(FormattableString.Invariant($"N{doc:D4}x{i:D4}").PadRight(30, 'z')).Append("/>");
            }

            var body = Encoding.UTF8.GetBytes(sb.Append("</Response>").ToString());
            Assert.True(PlainXmlReader.IsPlain(body));
            if (JobsResponseReader.TryReadPlain(body, out var result))
            {
                plain++;
                previousDeclined = false;
                AssertSame(JobsResponseReader.ReadHardened(body), result);
            }
            else
            {
                Assert.False(previousDeclined, "two bodies in a row declined: the reader was not replaced");
                declined++;
                previousDeclined = true;
            }

            Assert.Equal("j" + doc, Assert.Single(JobsResponseReader.Read(body).JobsDetail).JobId);
        }

        Assert.InRange(declined, 3, 7);
        Assert.Equal(replacements + declined, PlainXmlReader.ReaderReplacements);
        Assert.True(plain >= 20, $"{plain} read on the plain path");
    }

    /// <summary>Reads <paramref name="body"/> both ways; true when the plain path took it (and then agreed with the hardened reader).</summary>
    private static bool Compare(byte[] body)
    {
        JobsResponseXml? hardened = null;
        try
        {
            hardened = JobsResponseReader.ReadHardened(body);
        }
        catch (XmlException)
        {
        }

        if (!JobsResponseReader.TryReadPlain(body, out var plain))
        {
            return false;
        }

        Assert.True(hardened is not null, "the plain path accepted what the hardened reader rejects: " + Encoding.UTF8.GetString(body));
        AssertSame(hardened!, plain);
        return true;
    }

    private static void AssertSame(JobsResponseXml expected, JobsResponseXml actual) =>
        Assert.Equal(Encoding.UTF8.GetString(WireXmlSerializer.Serialize(expected)), Encoding.UTF8.GetString(WireXmlSerializer.Serialize(actual)));
}
