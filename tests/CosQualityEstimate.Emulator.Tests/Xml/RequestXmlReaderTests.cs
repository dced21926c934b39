using System.Text;
using System.Xml;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.Oracle.Wire;

namespace CosQualityEstimate.Emulator.Tests.Xml;

/// <summary>
/// Differential tests of the emulator's hand-written <see cref="RequestXmlReader"/> against <c>XmlSerializer</c> (the oracle
/// <see cref="OracleXml"/>) on what the client library sends (captured from a real submit through its public API) and on
/// hand-made and hostile bodies, and of what the emulator answers over HTTP for bodies it refuses (400 <c>MalformedXML</c>, as before).
/// </summary>
public sealed class RequestXmlReaderTests
{
    private const string Seed =
        "<Request><Tag>QualityEstimate</Tag><Input><Object>input/demo.mp4</Object></Input><Operation><QualityEstimateConfig><Rotate>0</Rotate><Mode>general</Mode></QualityEstimateConfig><UserData>This is my data.</UserData><JobLevel>0</JobLevel></Operation><CallBack>http://callback.demo.com</CallBack><CallBackFormat>JSON</CallBackFormat></Request>";

    public static TheoryData<string> LibraryRequests => new()
    {
        "minimal",
        "seed",
        "everything",
        "tdmq",
        "special",
        "client-token",
    };

    [Theory]
    [MemberData(nameof(LibraryRequests))]
    public async Task WhatTheLibrarySends_IsReadLikeTheSerializer(string name)
    {
        var request = Request(name);

        var body = await SubmitBodyAsync(request);

        var read = AssertSameAsSerializer(body);
        Assert.Equal("QualityEstimate", read.Tag);
        Assert.Equal(request.ObjectKey, read.Input!.Object);
    }

    [Fact]
    public void RandomRequestsAsTheSerializerWritesThem_AreReadLikeTheSerializer()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 300; i++)
        {
            var wire = new JobRequestXml
            {
                Tag = Text(random),
                Input = random.Next(4) == 0 ? null : new JobInputXml { Object = Text(random), BucketId = Text(random), Bucket = Text(random), Region = Text(random) },
                Operation = random.Next(4) == 0 ? null : new JobOperationXml
                {
                    QualityEstimateConfig = random.Next(3) == 0 ? null : new QualityEstimateConfigXml { Rotate = Text(random), Mode = Text(random) },
                    UserData = Text(random),
                    JobLevel = Text(random),
                },
                CallBack = Text(random),
                CallBackFormat = Text(random),
                CallBackType = Text(random),
                CallBackMqConfig = random.Next(3) == 0 ? null : new CallBackMqConfigXml { MqRegion = Text(random), MqMode = Text(random), MqName = Text(random) },
            };

            AssertSameAsSerializer(OracleXml.Serialize(wire));
        }
    }

    [Fact]
    public void SeedFixture_IsReadLikeTheSerializer()
    {
        var read = AssertSameAsSerializer(ResponseXmlWriterTests.FixtureBytes("seed-submit-request.xml"));

        Assert.Equal("QualityEstimate", read.Tag);
        Assert.NotNull(read.Input?.Object);
    }

    public static TheoryData<string> HandMadeBodies => new()
    {
        Seed,
        "<Request/>",
        "<Request></Request>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + Seed + "\n",
        "<!-- leading comment --><?pi x?>" + Seed + "<!-- trailing comment -->",
        // Out of order, duplicates (the first wins), unknown and foreign-namespace elements, attributes, stray text.
        "<Request a=\"1\" xmlns:x=\"urn:x\">stray<CallBackFormat>XML</CallBackFormat><x:Tag>Other</x:Tag><Unknown><Tag>Nested</Tag></Unknown><Tag>QualityEstimate</Tag><Tag>Second</Tag><Input><Object>a.mp4</Object><Object>b.mp4</Object><Extra/></Input><Input><Object>c.mp4</Object></Input></Request>",
        // Entities, character references, CDATA, whitespace kept as is, comments and PIs inside strings.
        "<Request><Tag> QualityEstimate </Tag><Input><Object>a&amp;b&lt;c&gt;&quot;&apos;&#x41;&#20320;<![CDATA[<raw>&]]>.mp4</Object></Input><Operation><UserData>x<!-- c -->y<?p q?>z</UserData></Operation></Request>",
        "<Request>\n  <Tag>QualityEstimate</Tag>\n  <Input>\n    <Object>视频 🎬.mp4</Object>\n  </Input>\n  <Operation>\n    <UserData>line1\r\nline2\rline3</UserData>\n  </Operation>\n</Request>",
        // Empty elements: "" for strings, an object with every member unset for the rest.
        "<Request><Tag/><Input/><Operation><QualityEstimateConfig/><UserData></UserData><JobLevel/></Operation><CallBack/><CallBackFormat/><CallBackType/><CallBackMqConfig/></Request>",
        "<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><CallBackType>TDMQ</CallBackType><CallBackMqConfig><MqRegion>gz</MqRegion><MqMode>Queue</MqMode><MqName>q</MqName><MqName>ignored</MqName><Other/></CallBackMqConfig><CallBackMqConfig><MqRegion>sh</MqRegion></CallBackMqConfig></Request>",
        // Response-only members a submit never carries; read like the serializer does anyway.
        "<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><Operation><MediaInfo a=\"1\"><Format><Duration>1.0</Duration></Format><Stream/></MediaInfo><QualityEstimate><Score>8.5</Score><VqaPlusResult><NoAudio>false</NoAudio><DetailedResult><Type>Blur</Type><Items><Confidence>90</Confidence><AreaCoordSet>1</AreaCoordSet><AreaCoordSet>2</AreaCoordSet></Items></DetailedResult></VqaPlusResult></QualityEstimate></Operation></Request>",
    };

    [Theory]
    [MemberData(nameof(HandMadeBodies))]
    public void HandMadeBody_IsReadLikeTheSerializer(string body)
    {
        AssertSameAsSerializer(Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public void OtherEncodings_AreReadLikeTheSerializer()
    {
        AssertSameAsSerializer([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Seed)]);
        AssertSameAsSerializer([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Seed.Replace("demo.mp4", "视频.mp4", StringComparison.Ordinal))]);
        AssertSameAsSerializer(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + Seed));
    }

    public static TheoryData<string> RejectedByBoth => new()
    {
        string.Empty,
        "   ",
        "not xml",
        "<Other/>",
        "<request/>",
        "<Request xmlns=\"urn:other\"><Tag>QualityEstimate</Tag></Request>",
        "<Request><Tag>QualityEstimate</Tag>",
        "<Request><Tag>QualityEstimate</Input></Request>",
        "<Request><Tag><b>QualityEstimate</b></Tag></Request>",
        "<Request><Input><Object>a &undefined; b</Object></Input></Request>",
        "<Request><Tag>\u0001</Tag></Request>",
        "<Request><Tag>&#x1;</Tag></Request>",
        "<!DOCTYPE Request [<!ENTITY tag \"QualityEstimate\">]><Request><Tag>&tag;</Tag></Request>",
        "<!DOCTYPE Request SYSTEM \"http://127.0.0.1:9/request.dtd\"><Request/>",
        "<!DOCTYPE Request [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Request><Input><Object>&xxe;</Object></Input></Request>",
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><Request><Tag>&lol3;</Tag></Request>",
    };

    [Theory]
    [MemberData(nameof(RejectedByBoth))]
    public void MalformedOrHostileBody_IsRejectedLikeTheSerializer(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.ThrowsAny<Exception>(() => OracleXml.Deserialize<JobRequestXml>(bytes.AsSpan()));
        Assert.Throws<XmlException>(() => RequestXmlReader.Read(bytes));
    }

    public static TheoryData<string> RejectedOnlyByTheReader => new()
    {
        // Content after the root element: the serializer stops at the root's end tag and ignores it.
        Seed + "<Request/>",
        Seed + "junk",
        "<Request/><",
        // Nesting deeper than 64 levels (inside an unknown element and inside MediaInfo).
        "<Request><Unknown>" + string.Concat(Enumerable.Repeat("<a>", 70)) + string.Concat(Enumerable.Repeat("</a>", 70)) + "</Unknown></Request>",
        "<Request><Operation><MediaInfo>" + string.Concat(Enumerable.Repeat("<a>", 70)) + string.Concat(Enumerable.Repeat("</a>", 70)) + "</MediaInfo></Operation></Request>",
    };

    [Theory]
    [MemberData(nameof(RejectedOnlyByTheReader))]
    public void TrailingContentOrDeepNesting_IsRejectedByTheReader(string body)
    {
        Assert.Throws<XmlException>(() => RequestXmlReader.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void NestingUpToTheLimit_IsRead_OneLevelMoreIsRejected()
    {
        // The root is depth 0, <Unknown> depth 1, so n <a> put the deepest element at depth 1 + n.
        static string Body(int n) => Seed.Replace("</Request>", "<Unknown>" + string.Concat(Enumerable.Repeat("<a>", n)) + string.Concat(Enumerable.Repeat("</a>", n)) + "</Unknown></Request>", StringComparison.Ordinal);

        AssertSameAsSerializer(Encoding.UTF8.GetBytes(Body(EmulatorXml.MaxDepth - 2)));
        Assert.Throws<XmlException>(() => RequestXmlReader.Read(Encoding.UTF8.GetBytes(Body(EmulatorXml.MaxDepth - 1))));
    }

    [Theory]
    [InlineData("<Request><Input><Object>a<b/>.mp4</Object></Input></Request>")]
    [InlineData("<Request><Operation><QualityEstimate><VqaPlusResult><DetailedResult><Items><AreaCoordSet><x/></AreaCoordSet></Items></DetailedResult></VqaPlusResult></QualityEstimate></Operation></Request>")]
    public void ElementWhereTextBelongs_IsRejectedLikeTheSerializer(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.ThrowsAny<Exception>(() => OracleXml.Deserialize<JobRequestXml>(bytes.AsSpan()));
        Assert.Throws<XmlException>(() => RequestXmlReader.Read(bytes));
    }

    [Fact]
    public void OversizeBody_IsRejectedBeforeParsing()
    {
        var padding = new string(' ', EmulatorXml.MaxBodyBytes);
        var body = Encoding.UTF8.GetBytes(Seed + padding);

        var ex = Assert.Throws<XmlException>(() => RequestXmlReader.Read(body));

        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
        AssertSameAsSerializer(Encoding.UTF8.GetBytes(Seed + padding[..(EmulatorXml.MaxBodyBytes - Seed.Length)]));
    }

    public static TheoryData<string> RefusedOverHttp => new()
    {
        "<!DOCTYPE Request [<!ENTITY tag \"QualityEstimate\">]><Request><Tag>&tag;</Tag><Input><Object>a.mp4</Object></Input></Request>",
        "<!DOCTYPE Request [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Request><Tag>QualityEstimate</Tag><Input><Object>&xxe;</Object></Input></Request>",
        "<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input></Request><Request/>",
        "<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><X>" + string.Concat(Enumerable.Repeat("<a>", 70)) + string.Concat(Enumerable.Repeat("</a>", 70)) + "</X></Request>",
        "<Request xmlns=\"urn:other\"><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input></Request>",
    };

    [Theory]
    [MemberData(nameof(RefusedOverHttp))]
    public async Task SubmitJob_HostileBody_Returns400MalformedXml_AndCreatesNoJob(string body)
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", body);

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
        Assert.Equal("The XML you provided was not well-formed or did not validate against the schema.", response.Xml.Element("Message")!.Value);
        Assert.Empty(emu.Emulator.GetJobsSnapshot());
    }

    [Fact]
    public async Task SubmitJob_OversizeBody_Returns400MalformedXml_AndCreatesNoJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = TestEmulator.SubmitBody("a.mp4") + new string(' ', EmulatorXml.MaxBodyBytes);

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", body);

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
        Assert.Empty(emu.Emulator.GetJobsSnapshot());
    }

    [Fact]
    public async Task SubmitJob_EntitiesAndCData_AreDecodedAndEchoed()
    {
        await using var emu = await TestEmulator.StartAsync();
        const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request><Tag>QualityEstimate</Tag><Input><Object>a&amp;b <![CDATA[<c>]]> &#x89C6;&#x9891;.mp4</Object></Input><Unknown/></Request>";

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", body);

        Assert.Equal(200, response.Status);
        Assert.Equal("a&b <c> 视频.mp4", response.Jobs.Single().Element("Input")!.Element("Object")!.Value);
        Assert.Equal("a&b <c> 视频.mp4", Assert.Single(emu.Emulator.GetJobsSnapshot()).Input!.ObjectKey);
    }

    // ---------------------------------------------------------------- helpers

    private static JobRequestXml AssertSameAsSerializer(byte[] body)
    {
        var expected = OracleXml.Deserialize<JobRequestXml>(body.AsSpan());
        var actual = WireBridge.ToLibrary<JobRequestXml>(RequestXmlReader.Read(body));
        WireXmlAssert.DeepEqual(expected, actual, "Request");
        return actual;
    }

    /// <summary>The body the client library POSTs for <paramref name="request"/> (a real submit to an emulator, captured).</summary>
    private static async Task<byte[]> SubmitBodyAsync(QualityEstimateJobRequest request)
    {
        await using var emu = await TestEmulator.StartAsync();
        var capture = new BodyCapture { InnerHandler = new SocketsHttpHandler { UseProxy = false } };
        using var http = new HttpClient(capture) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new CosQualityEstimate.Jobs.JobsClient(http, new CosQualityEstimate.Jobs.JobsClientOptions
        {
            Bucket = emu.Emulator.Bucket,
            Region = emu.Emulator.Region,
            Endpoint = emu.Emulator.Endpoint,
            Credential = emu.Emulator.Credential,
            TimeProvider = emu.Time,
        });

        await client.SubmitQualityEstimateJobAsync(request);

        return Assert.Single(capture.Bodies);
    }

    private sealed class BodyCapture : DelegatingHandler
    {
        internal List<byte[]> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is { } content)
            {
                Bodies.Add(await content.ReadAsByteArrayAsync(cancellationToken));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private static QualityEstimateJobRequest Request(string name) => name switch
    {
        "minimal" => new QualityEstimateJobRequest("a.mp4"),
        "seed" => new QualityEstimateJobRequest("input/demo.mp4")
        {
            Rotate = 0,
            Mode = QualityEstimateMode.General,
            UserData = "This is my data.",
            JobLevel = 0,
            CallbackUrl = "http://callback.demo.com",
            CallbackFormat = CallbackFormat.Json,
        },
        "everything" => new QualityEstimateJobRequest("dir/sub/video.mov")
        {
            Rotate = 270,
            Mode = QualityEstimateMode.VqaPlus,
            UserData = "printable ~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
            JobLevel = 2,
            CallbackUrl = "https://127.0.0.1:8443/cb?a=1&b=<2>",
            CallbackFormat = CallbackFormat.Xml,
            CallbackType = CallbackType.Url,
        },
        "tdmq" => new QualityEstimateJobRequest("q.mp4")
        {
            CallbackType = CallbackType.Tdmq,
            CallbackMqConfig = new CallbackMqConfig { Region = "gz", Mode = "Queue", Name = "queue-1" },
        },
        "special" => new QualityEstimateJobRequest("视频/a&b<c>d\"e'f ]]> 🎬\ttab.mp4") { UserData = "a&b<c>" },
        "client-token" => new QualityEstimateJobRequest("t.mp4") { UserData = "mine" }, // the client adds its token to UserData
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string? Text(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return null;
            case 1:
                return string.Empty;
        }

        const string pool = "abcXYZ019 /._-&<>\"'=?;:[]{}\t\n]]>";
        string[] unicode = ["视频", "é", "ß", "Ω", "\u0085", "\u2028", "\u00A0", "\uFEFF", "🎬", "\U00010348", "\u007F"];
        var length = random.Next(1, 24);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(random.Next(5) == 0 ? unicode[random.Next(unicode.Length)] : pool[random.Next(pool.Length)].ToString());
        }

        return sb.ToString();
    }
}
