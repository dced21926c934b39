using System.Text;
using System.Xml;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>
/// The in-place reader of the plain path (<see cref="PlainSubsetXmlReader"/>), node by node against the hardened
/// <see cref="CosXml"/> reader: on every plain body it reports the same elements, end tags, text and whitespace (type,
/// name, namespace, depth, emptiness, value), skipping only what <see cref="XmlReader.MoveToContent"/> skips anyway (the
/// declaration, whitespace outside the root); it refuses a mismatched end tag, and its name table keeps its quota.
/// </summary>
public sealed class PlainSubsetXmlReaderTests
{
    public static TheoryData<string> Fixtures() => new(HandWrittenXmlTests.ResponseFixtures);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryPlainVariant_ReportsTheHardenedReadersNodes(string fixture)
    {
        var compared = 0;
        foreach (var variant in HandWrittenXmlTests.Variants(Fixture.Text(fixture)))
        {
            var body = Encoding.UTF8.GetBytes(variant);
            if (!PlainXmlReader.IsPlain(body) || !IsWellFormed(body))
            {
                continue;
            }

            AssertSameNodes(body);
            compared++;
        }

        Assert.True(compared > 0 || !PlainXmlReader.IsPlain(Fixture.Bytes(fixture)), "no plain variant compared");
    }

    [Theory]
    [InlineData("<Response><Message>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</Message></Response>")]
    [InlineData("<Response>\r\n<Message>line 1\r\nline 2\rline 3\n</Message>\r\n</Response>\r\n")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Message>  </Message><Code>\t</Code></Response>")]
    [InlineData("<Response><Message>日本語 &amp; émoji 😀</Message><Empty/><Empty2 /><Spaced ></Spaced ></Response>")]
    [InlineData("<Response><A><B><C>deep</C></B></A><D>x&amp;&#x20;</D></Response>")]
    [InlineData("<Response/>")]
    public void SyntheticBodies_ReportTheHardenedReadersNodes(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        if (!PlainXmlReader.IsPlain(body))
        {
            // Outside the subset (the character reference): never read by this reader.
            Assert.Contains("&#", text, StringComparison.Ordinal);
            return;
        }

        AssertSameNodes(body);
    }

    [Theory]
    [InlineData("<Response><A>x</B></Response>")]
    [InlineData("<Response><A>x</A></Responses>")]
    [InlineData("<Response><A><B></A></B></Response>")]
    public void AMismatchedEndTag_Throws(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        Assert.True(PlainXmlReader.IsPlain(body)); // tag matching is the reader's check, not IsPlain's
        var reader = new PlainSubsetXmlReader();
        reader.SetInput(body);
        Assert.Throws<XmlException>(() =>
        {
            while (reader.Read())
            {
            }
        });
    }

    [Fact]
    public void ReadElementContentAsString_OnAnElementHoldingAnElement_Throws()
    {
        var reader = new PlainSubsetXmlReader();
        reader.SetInput("<Response><Message>a<B/></Message></Response>"u8.ToArray());
        Assert.Equal(XmlNodeType.Element, reader.MoveToContent());
        reader.Read(); // on <Message>
        Assert.Throws<XmlException>(() => reader.ReadElementContentAsString());
    }

    [Fact]
    public void TheNameTable_RefusesNamesPastItsQuota_AndKnownNamesCostNothing()
    {
        var reader = new PlainSubsetXmlReader();
        var known = "<Response><JobsDetail><JobId>j</JobId></JobsDetail></Response>"u8.ToArray();
        for (var i = 0; i < 1000; i++)
        {
            reader.SetInput(known);
            while (reader.Read())
            {
            }
        }

        // 100 new 30-character names per body: the sixth body would pass 16 K characters.
        for (var doc = 0; doc < 5; doc++)
        {
            reader.SetInput(NewNames(doc));
            while (reader.Read())
            {
            }
        }

        reader.SetInput(NewNames(5));
        Assert.Throws<XmlException>(() =>
        {
            while (reader.Read())
            {
            }
        });
    }

    [Fact]
    public void AnIdleReader_HoldsNoBody_AndReadsNothing()
    {
        var reader = new PlainSubsetXmlReader();
        reader.SetInput("<Response/>"u8.ToArray());
        Assert.True(reader.Read());
        reader.SetInput([]);
        Assert.False(reader.Read());
        Assert.Equal(ReadState.Closed, reader.ReadState);
    }

    private static byte[] NewNames(int doc)
    {
        var sb = new StringBuilder("<Response>");
        for (var i = 0; i < 100; i++)
        {
            sb.Append('<').Append(FormattableString.Invariant($"N{doc:D4}x{i:D4}").PadRight(30, 'z')).Append("/>");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</Response>").ToString());
    }

    private static bool IsWellFormed(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body);
            using var reader = CosXml.CreateReader(stream);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static void AssertSameNodes(byte[] body)
    {
        var expected = new List<string>();
        using (var stream = new MemoryStream(body))
        using (var hardened = CosXml.CreateReader(stream))
        {
            while (hardened.Read())
            {
                if (hardened.NodeType == XmlNodeType.XmlDeclaration || (hardened.Depth == 0 && hardened.NodeType == XmlNodeType.Whitespace))
                {
                    continue; // skipped by MoveToContent and by the drain after the root
                }

                expected.Add(Describe(hardened));
            }
        }

        var actual = new List<string>();
        var plain = new PlainSubsetXmlReader();
        plain.SetInput(body);
        while (plain.Read())
        {
            actual.Add(Describe(plain));
        }

        Assert.True(plain.EOF);
        Assert.Equal(expected, actual);
    }

    private static string Describe(XmlReader reader) => FormattableString.Invariant(
        $"{reader.NodeType} {reader.LocalName} ns='{reader.NamespaceURI}' depth={reader.Depth} empty={reader.IsEmptyElement} value='{reader.Value}'");
}
