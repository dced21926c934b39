using System.Collections;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>
/// Differential tests: the hand-written <see cref="JobsResponseReader"/> and <see cref="JobRequestWriter"/> against
/// XmlSerializer (<see cref="CosXml"/>), the reference, over the fixtures and many generated variants.
/// </summary>
public sealed class HandWrittenXmlTests
{
    internal static readonly string[] ResponseFixtures =
    [
        "seed-submit-response.xml",
        "vqaplus-success-response.xml",
        "callbacks/transcode-success.xml",
        "callbacks/vqaplus-success.xml",
    ];

    public static TheoryData<string> Fixtures() => new(ResponseFixtures);

    // ---------------------------------------------------------------- reader: equal results

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reader_Fixture_SameAsXmlSerializer(string fixture)
    {
        var body = Fixture.Bytes(fixture);
        var result = AssertSameAsSerializer(body);
        Assert.NotEmpty(result.JobsDetail);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reader_FixtureVariants_SameAsXmlSerializer(string fixture)
    {
        var count = 0;
        foreach (var variant in Variants(Fixture.Text(fixture)))
        {
            AssertSameAsSerializer(variant);
            count++;
        }

        Assert.True(count > 20, $"only {count} variants");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reader_EveryTruncation_ThrowsWhenXmlSerializerDoes(string fixture)
    {
        var body = Fixture.Bytes(fixture);
        var stride = body.Length > 2000 ? 7 : 1;
        for (var length = 0; length < body.Length; length += stride)
        {
            var prefix = body.AsSpan(0, length).ToArray();
            AssertSameOrBothThrow(prefix);
        }
    }

    [Theory]
    [InlineData("<Response/>")]
    [InlineData("<Response></Response>")]
    [InlineData("<Response>\n  \n</Response>")]
    [InlineData("<Response><JobsDetail/></Response>")]
    [InlineData("<Response><JobsDetail></JobsDetail><JobsDetail/><JobsDetail><JobId>a</JobId></JobsDetail></Response>")]
    [InlineData("<Response><NonExistJobIds>a</NonExistJobIds><NonExistJobIds/><NonExistJobIds> b </NonExistJobIds><NextToken>t</NextToken></Response>")]
    [InlineData("<Response><NextToken/><EventName></EventName></Response>")]
    [InlineData("<Response><EventName>a</EventName><EventName>b</EventName><NextToken>1</NextToken><NextToken>2</NextToken></Response>")]
    [InlineData("<Response><JobsDetail><Code>a</Code><Code>b</Code><Input/><Input><Object>o</Object></Input></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Code xmlns='urn:x'>a</Code><x:Code xmlns:x='urn:y'>b</x:Code><Message xmlns=''>m</Message></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Code xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:nil='true'>a</Code><Message xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:nil='true'/></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Code> a <!--c--> b <![CDATA[<z>]]> &amp;&#x41;&#66;&lt;&gt;&quot;&apos;<?pi x?></Code></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Code>\r\n a\r b \n\t</Code><Message>&#xD;&#xA;&#x9;</Message></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Code><![CDATA[]]></Code><Message><![CDATA[  ]]></Message><JobId>   </JobId></JobsDetail></Response>")]
    [InlineData("<Response>text<EventName a='1'>a</EventName>more<![CDATA[x]]></Response>")]
    [InlineData("<Response><JobsDetail><Operation><MediaInfo>1</MediaInfo><MediaInfo>2</MediaInfo></Operation></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Operation><MediaInfo xmlns='urn:q'>1</MediaInfo></Operation></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Operation><MediaInfo/><QualityEstimate/></Operation></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Operation><QualityEstimate><Score>1</Score></QualityEstimate><MediaInfo a='1' xmlns:p='urn:p'> <X p:b='2'>1</X> <!--c--> text <![CDATA[<c>]]> &amp; <Y/><p:Z>z</p:Z><?pi?></MediaInfo></Operation></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Operation><MediaInfo><Format><Duration>1</Duration></Format><Stream><Video><Width>1</Width></Video><Audio/></Stream><Extra>e</Extra></MediaInfo><QualityEstimate><Score>7</Score></QualityEstimate></Operation></JobsDetail></Response>")]
    [InlineData("<Response><JobsDetail><Operation><QualityEstimate><VqaPlusResult><DetailedResult/><DetailedResult><Items/><Items><AreaCoordSet/><AreaCoordSet> 1 </AreaCoordSet><AreaCoordSet>2</AreaCoordSet><Confidence>1</Confidence><Confidence>2</Confidence></Items><Type>a</Type><Type>b</Type></DetailedResult></VqaPlusResult><VqaPlusResult/></QualityEstimate></Operation></JobsDetail></Response>")]
    [InlineData("<Response><Unknown><JobsDetail><JobId>not-bound</JobId></JobsDetail></Unknown><JobsDetail><Unknown><Code>x</Code></Unknown><Code>y</Code></JobsDetail></Response>")]
    [InlineData("<Response><EventName xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:type='xsd:int'>a</EventName></Response>")]
    [InlineData("<?xml version='1.0' encoding='utf-8'?><!--c--><?pi?>\n<Response><EventName>视频 🎬</EventName></Response><!--after-->\n")]
    public void Reader_EdgeCases_SameAsXmlSerializer(string xml) => AssertSameAsSerializer(xml);

    [Theory]
    [InlineData("<Response><JobsDetail><Code>a<b>x</b>c</Code></JobsDetail></Response>")] // element in string content
    [InlineData("<Response><NonExistJobIds><x/></NonExistJobIds></Response>")]
    [InlineData("<Response><EventName>a</EventName>")] // truncated
    [InlineData("<Response><EventName>a</Event></Response>")] // mismatched end tag
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not xml")]
    [InlineData("<Error><Code>NoSuchKey</Code></Error>")] // wrong root
    [InlineData("<response/>")] // wrong case
    [InlineData("<Response xmlns='urn:x'><EventName>a</EventName></Response>")] // wrong namespace
    [InlineData("<Response><EventName>&nbsp;</EventName></Response>")] // undefined entity
    [InlineData("<Response><EventName>\u0001</EventName></Response>")] // invalid character
    [InlineData("<Response><EventName>&#x1;</EventName></Response>")]
    [InlineData("<!DOCTYPE Response [<!ENTITY x \"y\">]><Response><EventName>&x;</EventName></Response>")] // DTD
    [InlineData("<!DOCTYPE Response SYSTEM \"file:///etc/passwd\"><Response/>")] // external DTD
    [InlineData("<!DOCTYPE Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Response><EventName>&xxe;</EventName></Response>")] // external entity
    [InlineData("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><Response><EventName>&lol2;</EventName></Response>")] // entity expansion
    [InlineData("<Response><JobsDetail a='1' a='2'/></Response>")] // duplicate attribute
    public void Reader_Malformed_BothThrow_AndTheParserMapsToFormatException(string xml)
    {
        var body = Encoding.UTF8.GetBytes(xml);
        Assert.ThrowsAny<Exception>(() => WireXmlSerializer.Deserialize<JobsResponseXml>(body.AsSpan()));
        AssertParserRejects(body);
    }

    [Theory]
    [InlineData("<Response></Response><Response></Response>")]
    [InlineData("<Response></Response>  <x/>")]
    [InlineData("<Response/>junk")]
    public void Reader_ContentAfterTheRoot_IsRejected(string xml)
    {
        // Deliberately stricter than XmlSerializer, which stops reading at the root's end tag (so it accepts "<Response/> <x/>").
        AssertParserRejects(Encoding.UTF8.GetBytes(xml));
    }

    [Fact]
    public void Reader_Oversized_IsRejected()
    {
        var body = Encoding.UTF8.GetBytes("<Response><EventName>" + new string('a', CosXml.MaxBodyBytes) + "</EventName></Response>");
        var ex = AssertParserRejects(body);
        Assert.Contains("limit", ex.InnerException!.Message, StringComparison.Ordinal);
        Assert.Throws<XmlException>(() => JobsResponseReader.Read(Encoding.UTF8.GetString(body)));
    }

    [Theory]
    [InlineData("MediaInfo")]
    [InlineData("Unknown")]
    public void Reader_Nesting_AcceptedUpToTheLimit_RejectedBeyond(string container)
    {
        // Response/JobsDetail/Operation/<container> are depths 1-4; the filler makes the deepest element exactly MaxDepth or MaxDepth + 1.
        string Build(int depth)
        {
            var inner = depth - 4;
            return "<Response><JobsDetail><Operation><" + container + ">"
                + string.Concat(Enumerable.Repeat("<a>", inner)) + "x" + string.Concat(Enumerable.Repeat("</a>", inner))
                + "</" + container + "><UserData>u</UserData></Operation></JobsDetail></Response>";
        }

        var atLimit = Encoding.UTF8.GetBytes(Build(JobsResponseReader.MaxDepth));
        AssertSameAsSerializer(atLimit);
        var tooDeep = Encoding.UTF8.GetBytes(Build(JobsResponseReader.MaxDepth + 1));
        var ex = AssertParserRejects(tooDeep);
        Assert.Contains("deeper than 64", ex.InnerException!.Message, StringComparison.Ordinal);
        AssertParserRejects(Encoding.UTF8.GetBytes(Build(5000)));
    }

    [Fact]
    public void Reader_ManyJobsAndIds_SameAsXmlSerializer()
    {
        foreach (var jobs in new[] { 0, 1, 2, 50 })
        {
            var sb = new StringBuilder("<Response>");
            for (var i = 0; i < jobs; i++)
            {
                sb.Append("<JobsDetail><Code>Success</Code><Message/><JobId>j").Append(i).Append("</JobId><State>Success</State></JobsDetail>");
                sb.Append("<NonExistJobIds>n").Append(i).Append("</NonExistJobIds>");
            }

            sb.Append(jobs % 2 == 0 ? "<NextToken>next</NextToken>" : string.Empty).Append("</Response>");
            var result = AssertSameAsSerializer(sb.ToString());
            Assert.Equal(jobs, result.JobsDetail.Count);
            Assert.Equal(jobs, result.NonExistJobIds.Count);
        }
    }

    [Fact]
    public void Parser_UsesTheHandWrittenReader_AndReadsTheSeed()
    {
        var parsed = JobsResponseParser.Parse(new CosResponse(200, Fixture.Bytes("seed-submit-response.xml"), "req"));
        var job = Assert.Single(parsed.JobsDetail);
        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", job.JobId);
        Assert.Equal(string.Empty, job.Message);
    }

    // ---------------------------------------------------------------- writer: equal bytes

    [Fact]
    public void Writer_SeedRequest_SameBytesAsXmlSerializer_AndTheDocumentsBody()
    {
        var wire = JobRequestConverter.ToWire(JobRequestSerializationTests.SeedRequest());
        var bytes = JobRequestWriter.Write(wire);
        Assert.Equal(WireXmlSerializer.Serialize(wire), bytes);
        Assert.Equal(Fixture.Compact(Fixture.Text("seed-submit-request.xml")), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Writer_EveryOptionCombination_SameBytesAsXmlSerializer()
    {
        string[] keys = ["input/demo.mp4", "视频/a b.mp4", "a&b<c>d\"e'f.mp4", "🎬/x.mp4", "]]>/x", "a\r\nb\rc\nd\te", " lead and trail "];
        int?[] rotates = [null, 0, 90];
        QualityEstimateMode?[] modes = [null, QualityEstimateMode.General, QualityEstimateMode.VqaPlus];
        string?[] userData = [null, string.Empty, "This is my data.", "a&b<c>d\"e'f ]]>"];
        int?[] levels = [null, 0, 2];
        string?[] callbacks = [null, "no", "http://callback.demo.com", "https://h/p?a=1&b=<2>"];
        CallbackFormat?[] formats = [null, CallbackFormat.Xml, CallbackFormat.Json];
        CallbackType?[] types = [null, CallbackType.Url, CallbackType.Tdmq];
        CallbackMqConfig?[] mqs = [null, new(), new() { Region = "ap-guangzhou", Mode = "Queue", Name = "q&<>" }, new() { Region = string.Empty, Name = "n" }];
        string?[] tokens = [null, "tok-1_A"];

        var compared = 0;
        foreach (var key in keys)
            foreach (var rotate in rotates)
                foreach (var mode in modes)
                    foreach (var data in userData)
                        foreach (var level in levels)
                            foreach (var callback in callbacks)
                                foreach (var format in formats)
                                    foreach (var type in types)
                                        foreach (var mq in mqs)
                                            foreach (var token in tokens)
                                            {
                                                // Every combination would be 7*3*3*4*3*4*3*3*4*2 = 217,728; a deterministic stride keeps all values of every option in play.
                                                if ((compared++ % 37) != 0)
                                                {
                                                    continue;
                                                }

                                                var request = new QualityEstimateJobRequest(key)
                                                {
                                                    Rotate = rotate,
                                                    Mode = mode,
                                                    UserData = data,
                                                    JobLevel = level,
                                                    CallbackUrl = callback,
                                                    CallbackFormat = format,
                                                    CallbackType = type,
                                                    CallbackMqConfig = mq,
                                                };
                                                AssertSameBytes(JobRequestConverter.ToWire(request, token));
                                            }

        Assert.True(compared > 200_000);
    }

    [Fact]
    public void Writer_RandomRequests_SameBytesAsXmlSerializer()
    {
        var random = new Random(20240510);
        for (var i = 0; i < 3000; i++)
        {
            var request = new QualityEstimateJobRequest(RandomText(random, allowEmpty: false))
            {
                Rotate = random.Next(3) == 0 ? null : random.Next(-1, 360),
                Mode = random.Next(3) switch { 0 => null, 1 => QualityEstimateMode.General, _ => QualityEstimateMode.VqaPlus },
                UserData = random.Next(3) == 0 ? null : RandomText(random, allowEmpty: true),
                JobLevel = random.Next(3) == 0 ? null : random.Next(0, 3),
                CallbackUrl = random.Next(3) == 0 ? null : RandomText(random, allowEmpty: true),
                CallbackFormat = random.Next(3) == 0 ? null : (CallbackFormat)random.Next(2),
                CallbackType = random.Next(3) == 0 ? null : (CallbackType)random.Next(2),
                CallbackMqConfig = random.Next(2) == 0 ? null : new CallbackMqConfig
                {
                    Region = random.Next(3) == 0 ? null : RandomText(random, allowEmpty: true),
                    Mode = random.Next(3) == 0 ? null : RandomText(random, allowEmpty: true),
                    Name = random.Next(3) == 0 ? null : RandomText(random, allowEmpty: true),
                },
            };
            AssertSameBytes(JobRequestConverter.ToWire(request, random.Next(2) == 0 ? null : "t0k"));
        }
    }

    [Fact]
    public void Writer_EveryNullAndEmptyShape_SameBytesAsXmlSerializer()
    {
        // Each of the 14 string members and 4 containers absent, empty or set: every subset of "present" with "" and "x" values.
        for (var mask = 0; mask < 1 << 8; mask++)
        {
            foreach (var value in new[] { string.Empty, "x" })
            {
                string? V(int bit) => (mask & (1 << bit)) != 0 ? value : null;
                var request = new JobRequestXml
                {
                    Tag = V(0),
                    Input = (mask & 2) != 0 ? new JobInputXml { Object = V(2), BucketId = V(3), Bucket = V(4), Region = V(5) } : null,
                    Operation = (mask & 4) != 0 ? new JobOperationXml
                    {
                        QualityEstimateConfig = (mask & 8) != 0 ? new QualityEstimateConfigXml { Rotate = V(6), Mode = V(7) } : null,
                        UserData = V(1),
                        JobLevel = V(6),
                    } : null,
                    CallBack = V(7),
                    CallBackFormat = V(5),
                    CallBackType = V(4),
                    CallBackMqConfig = (mask & 16) != 0 ? new CallBackMqConfigXml { MqRegion = V(0), MqMode = V(6), MqName = V(3) } : null,
                };
                AssertSameBytes(request);
            }
        }

        Assert.Equal("<Request />", Encoding.UTF8.GetString(JobRequestWriter.Write(new JobRequestXml())));
    }

    [Fact]
    public void Writer_EveryValidBmpCharacter_SameBytesAsXmlSerializer()
    {
        var sb = new StringBuilder("\t\n\r\r\n\n\r");
        for (var c = 0x20; c <= 0xFFFD; c++)
        {
            if (c is < 0xD800 or > 0xDFFF)
            {
                sb.Append((char)c);
            }
        }

        sb.Append("\U0001F3AC\U00010000\U0010FFFF\r");
        var text = sb.ToString();
        AssertSameBytes(new JobRequestXml { Tag = text, Input = new JobInputXml { Object = text } });

        // Each character alone too (exercises the fast ASCII path and the boundaries of the slow one).
        for (var c = 0; c < 0x3000; c += c < 0x100 ? 1 : 97)
        {
            if (c is 0x9 or 0xA or 0xD or >= 0x20)
            {
                AssertSameBytes(new JobRequestXml { CallBack = "ab" + (char)c + "cd" + (char)c });
            }
        }
    }

    /// <summary>Built in code: xUnit's theory-data serialization would turn lone surrogates into U+FFFD.</summary>
    private static readonly string[] InvalidXmlText =
    [
        "\u0000", "\u0001", "a\u0008b", "\u000B", "\u001F", "\uFFFE", "\uFFFF",
        "a\uD800", // lone high surrogate at the end
        "\uD800b", // high surrogate followed by a non-surrogate
        "\uDC00", // lone low surrogate
        "\uDC00\uD800", // reversed pair
    ];

    public static TheoryData<int> InvalidXmlTextIndexes() => new(Enumerable.Range(0, InvalidXmlText.Length));

    [Theory]
    [MemberData(nameof(InvalidXmlTextIndexes))]
    public void Writer_InvalidXmlCharacter_ThrowsArgumentException_AsXmlSerializerFails(int index)
    {
        var bad = InvalidXmlText[index];
        var request = new JobRequestXml { Input = new JobInputXml { Object = "key/" + bad } };
        var reference = Assert.ThrowsAny<InvalidOperationException>(() => WireXmlSerializer.Serialize(request));
        Assert.IsAssignableFrom<ArgumentException>(reference.InnerException);
        Assert.ThrowsAny<ArgumentException>(() => JobRequestWriter.Write(request));
    }

    [Theory]
    [InlineData("ObjectKey")]
    [InlineData("CallbackUrl")]
    [InlineData("CallbackMqConfig.Region")]
    [InlineData("CallbackMqConfig.Mode")]
    [InlineData("CallbackMqConfig.Name")]
    public void Validator_RejectsCharactersXmlCannotCarry_BeforeAnythingIsWritten(string field)
    {
        var request = new QualityEstimateJobRequest("input/demo.mp4")
        {
            CallbackUrl = "https://callback.demo.com/x",
            CallbackType = CallbackType.Tdmq,
            CallbackMqConfig = new CallbackMqConfig { Region = "ap-guangzhou", Mode = "Queue", Name = "q" },
        };
        JobRequestValidator.Validate(request);

        switch (field)
        {
            case "ObjectKey": request.ObjectKey = "in\u0001put.mp4"; break;
            case "CallbackUrl": request.CallbackUrl = "https://callback.demo.com/" + new string('\uD800', 1); break;
            case "CallbackMqConfig.Region": request.CallbackMqConfig!.Region = "ap\u0000"; break;
            case "CallbackMqConfig.Mode": request.CallbackMqConfig!.Mode = "Queue\uFFFF"; break;
            default: request.CallbackMqConfig!.Name = "q\u001B"; break;
        }

        var ex = Assert.ThrowsAny<ArgumentException>(() => JobRequestValidator.Validate(request));
        Assert.Equal("request." + field, ex.ParamName);
    }

    [Fact]
    public void Validator_AcceptsUnicodeKeysAndSurrogatePairs()
    {
        var request = new QualityEstimateJobRequest("视频/a b 🎬.mp4") { CallbackUrl = "https://h/视频" };

        var error = Record.Exception(() => JobRequestValidator.Validate(request));

        Assert.Null(error);
        var body = Encoding.UTF8.GetString(JobRequestWriter.Write(JobRequestConverter.ToWire(request, null)));
        Assert.Contains("<Object>视频/a b 🎬.mp4</Object>", body, StringComparison.Ordinal);
        Assert.Contains("<CallBack>https://h/视频</CallBack>", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_ResponseOnlyMembers_AreRefusedInsteadOfFallingBackToAReflectionSerializer()
    {
        var request = new JobRequestXml
        {
            Tag = "QualityEstimate",
            Operation = new JobOperationXml { UserData = "u", MediaInfo = XElement.Parse("<MediaInfo><Format/></MediaInfo>"), QualityEstimate = new QualityEstimateXml { Score = "1" } },
        };

        var ex = Assert.Throws<ArgumentException>(() => JobRequestWriter.Write(request));

        Assert.Equal("request", ex.ParamName);
    }

    // ---------------------------------------------------------------- helpers

    private static JobsResponseXml AssertSameAsSerializer(string xml) => AssertSameAsSerializer(Encoding.UTF8.GetBytes(xml));

    private static JobsResponseXml AssertSameAsSerializer(byte[] body)
    {
        var expected = WireXmlSerializer.Deserialize<JobsResponseXml>(body.AsSpan());
        var actual = JobsResponseReader.Read(body);
        AssertDeepEqual(expected, actual, "Response");
        Assert.Equal(Encoding.UTF8.GetString(WireXmlSerializer.Serialize(expected)), Encoding.UTF8.GetString(WireXmlSerializer.Serialize(actual)));
        return actual;
    }

    /// <summary>Equal results when XmlSerializer reads the body; the reader must throw when the serializer does.</summary>
    private static void AssertSameOrBothThrow(byte[] body)
    {
        JobsResponseXml expected;
        try
        {
            expected = WireXmlSerializer.Deserialize<JobsResponseXml>(body.AsSpan());
        }
        catch (Exception ex) when (ex is InvalidOperationException or XmlException)
        {
            AssertParserRejects(body);
            return;
        }

        AssertDeepEqual(expected, JobsResponseReader.Read(body), "Response");
    }

    private static CosResponseFormatException AssertParserRejects(byte[] body)
    {
        var ex = Assert.Throws<CosResponseFormatException>(() => JobsResponseParser.Parse(new CosResponse(200, body, "req")));
        Assert.True(ex.InnerException is XmlException or InvalidOperationException, ex.InnerException?.GetType().Name);
        return ex;
    }

    /// <summary>Property-by-property comparison of two wire DTO graphs (strings ordinal, null ≠ "", lists by count and order, XElements structurally).</summary>
    private static void AssertDeepEqual(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case string text:
                Assert.True(string.Equals(text, (string)actual, StringComparison.Ordinal), $"{path}: expected [{text}], got [{actual}]");
                return;
            case XElement element:
                var other = (XElement)actual;
                Assert.True(XNode.DeepEquals(element, other), $"{path}: {element} vs {other}");
                Assert.Equal(element.ToString(SaveOptions.DisableFormatting), other.ToString(SaveOptions.DisableFormatting));
                Assert.Equal(
                    string.Join("|", element.DescendantNodes().Select(n => n.GetType().Name)),
                    string.Join("|", other.DescendantNodes().Select(n => n.GetType().Name)));
                return;
            case IList list:
                var otherList = (IList)actual;
                Assert.True(list.Count == otherList.Count, $"{path}: expected {list.Count} items, got {otherList.Count}");
                for (var i = 0; i < list.Count; i++)
                {
                    AssertDeepEqual(list[i], otherList[i], $"{path}[{i}]");
                }

                return;
        }

        foreach (var property in expected.GetType().GetProperties())
        {
            AssertDeepEqual(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
        }
    }

    private static void AssertSameBytes(JobRequestXml request)
    {
        var expected = WireXmlSerializer.Serialize(request);
        var actual = JobRequestWriter.Write(request);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"writer differs:\nexpected {Encoding.UTF8.GetString(expected)}\nactual   {Encoding.UTF8.GetString(actual)}");
        }
    }

    private static string RandomText(Random random, bool allowEmpty)
    {
        const string pool = "abcXYZ019 /._-&<>\"'=?;:[]{}\t\r\n]]>";
        string[] unicode = ["视频", "é", "ß", "Ω", "\u0085", "\u2028", "\u00A0", "\uFEFF", "🎬", "\U00010348", "\u007F"];
        var length = random.Next(allowEmpty ? 0 : 1, 24);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(random.Next(5) == 0 ? unicode[random.Next(unicode.Length)] : pool[random.Next(pool.Length)].ToString());
        }

        return sb.ToString();
    }

    // ---------------------------------------------------------------- response variants

    /// <summary>Generated variants of a fixture: shuffled, with unknown elements, emptied leaves, re-indented, CDATA, entities, comments, PIs.</summary>
    internal static IEnumerable<string> Variants(string xml)
    {
        var original = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);

        yield return original.Root!.ToString(SaveOptions.DisableFormatting);
        yield return Strip(original).ToString(SaveOptions.None); // indented
        yield return Strip(original).ToString(SaveOptions.DisableFormatting); // compact
        yield return xml.Replace("\n", "\r\n", StringComparison.Ordinal); // CRLF line ends

        for (var seed = 0; seed < 8; seed++)
        {
            var random = new Random(seed);
            yield return Transform(original, doc =>
            {
                foreach (var element in doc.Descendants().Where(e => e.HasElements).ToList())
                {
                    var children = element.Elements().ToList();
                    foreach (var child in children)
                    {
                        child.Remove();
                    }

                    foreach (var child in children.OrderBy(_ => random.Next()))
                    {
                        element.Add(child);
                    }
                }
            });
        }

        // Unknown elements (plain, nested containers holding known names, foreign namespace) before and after every child of every container.
        yield return Transform(original, doc =>
        {
            foreach (var element in doc.Descendants().Where(e => e.HasElements && e.Name != "MediaInfo" && !e.Ancestors("MediaInfo").Any()).ToList())
            {
                element.AddFirst(new XElement("Unknown", new XElement("Nested", new XElement("JobsDetail", new XElement("JobId", "x")), new XElement("Code", "no"))));
                element.Add(new XElement(XName.Get("Code", "urn:other"), "foreign"), new XElement("Empty"), new XText("stray text"));
                foreach (var child in element.Elements().ToList())
                {
                    child.AddAfterSelf(new XElement("After" + child.Name.LocalName, new XAttribute("a", "1"), new XElement("Deep", new XElement("Deeper", "d"))));
                }
            }
        });

        // Empty leaves: each leaf in turn as <X/>, and all at once as <X></X>.
        var leafCount = original.Descendants().Count(e => !e.HasElements && !e.Ancestors("MediaInfo").Any());
        for (var i = 0; i < leafCount; i++)
        {
            var index = i;
            yield return Transform(original, doc => Leaves(doc).ElementAt(index).RemoveNodes());
        }

        yield return Transform(original, doc =>
        {
            foreach (var leaf in Leaves(doc).ToList())
            {
                leaf.Value = string.Empty;
            }
        });

        // CDATA, entities, whitespace inside values, comments and PIs inside and around values.
        yield return Transform(original, doc =>
        {
            foreach (var leaf in Leaves(doc).ToList())
            {
                var value = leaf.Value;
                leaf.ReplaceNodes(new XCData(value));
            }
        });
        yield return Transform(original, doc =>
        {
            foreach (var leaf in Leaves(doc).ToList())
            {
                var value = leaf.Value;
                leaf.ReplaceNodes(new XComment("c"), new XText("  " + value.Substring(0, value.Length / 2)), new XProcessingInstruction("pi", "data"),
                    new XCData("<&>"), new XText(value.Substring(value.Length / 2) + " a&b<c>\t\n "), new XComment("d"));
                leaf.AddBeforeSelf(new XComment("before"));
                leaf.AddAfterSelf(new XProcessingInstruction("after", "x"));
            }
        });
        yield return Strip(original).ToString(SaveOptions.DisableFormatting)
            .Replace("<Tag>", "<Tag>&#x51;&#117;&amp;&lt;&gt;&quot;&apos;", StringComparison.Ordinal)
            .Replace("<Code>", "<Code>&#x9;&#xD;&#xA;", StringComparison.Ordinal);

        // Duplicates of every single-valued element (the first must win) and of every list element.
        yield return Transform(original, doc =>
        {
            foreach (var element in doc.Root!.Descendants().Where(e => !e.Ancestors("MediaInfo").Any()).ToList())
            {
                var copy = new XElement(element);
                if (!copy.HasElements)
                {
                    copy.Value = "second";
                }

                element.AddAfterSelf(copy);
            }
        });

        // Several jobs, none, and lookup extras.
        yield return Transform(original, doc =>
        {
            var job = doc.Root!.Element("JobsDetail")!;
            job.AddAfterSelf(new XElement(job), new XElement("NonExistJobIds", "j1"), new XElement("NonExistJobIds", " j2 "), new XElement("NextToken", "t"), new XElement(job));
        });
        yield return Transform(original, doc => doc.Root!.Elements("JobsDetail").Remove());

        // MediaInfo with several children (and text, comments, attributes) followed by QualityEstimate, or after it.
        yield return Transform(original, doc =>
        {
            foreach (var operation in doc.Descendants("Operation").ToList())
            {
                operation.Elements("MediaInfo").Remove();
                var media = new XElement("MediaInfo", new XAttribute("v", "1"),
                    new XElement("Format", new XElement("Duration", "1.5"), new XElement("Size", "10")),
                    new XText(" text "), new XComment("c"), new XCData("<x>"),
                    new XElement("Stream", new XElement("Video", new XElement("Width", "1920")), new XElement("Audio")),
                    new XElement(XName.Get("Ext", "urn:ext"), "e"));
                if (operation.Element("QualityEstimate") is { } estimate)
                {
                    estimate.AddBeforeSelf(media);
                    operation.Add(new XElement(media));
                }
                else
                {
                    operation.Add(media, new XElement("QualityEstimate", new XElement("Score", "1")));
                }
            }
        });
    }

    private static IEnumerable<XElement> Leaves(XDocument doc) =>
        doc.Descendants().Where(e => !e.HasElements && !e.Ancestors("MediaInfo").Any() && e.Name != "MediaInfo");

    private static XDocument Strip(XDocument doc)
    {
        var copy = new XDocument(doc);
        foreach (var text in copy.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value) && t.Parent is { HasElements: true }).ToList())
        {
            text.Remove();
        }

        return copy;
    }

    private static string Transform(XDocument original, Action<XDocument> change)
    {
        var copy = new XDocument(original);
        change(copy);
        return copy.ToString(SaveOptions.DisableFormatting);
    }
}
