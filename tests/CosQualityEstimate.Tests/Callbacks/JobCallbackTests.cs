// Fixtures under Fixtures/callbacks were constructed from the service's documented JobsDetail shape (see the README there).
using System.Text;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Tests.Callbacks;

public sealed class JobCallbackTests
{
    private const string JobId = "jb1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f";

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "callbacks", name));

    private static void AssertVqaPlusSuccess(JobCallback callback, bool expectMediaInfo = true)
    {
        Assert.Equal("TaskFinish", callback.EventName);
        var job = Assert.Single(callback.Jobs);
        Assert.Equal(JobId, job.JobId);
        Assert.Equal(JobState.Success, job.State);
        Assert.Equal("Success", job.RawState);
        Assert.Equal("QualityEstimate", job.Tag);
        Assert.Equal("Success", job.Code);
        Assert.True(job.HasCompleted);
        Assert.Equal("examplebucket-1250000000", job.Input?.BucketId);
        Assert.Equal("videos/input.mp4", job.Input?.ObjectKey);
        Assert.Equal(QualityEstimateMode.VqaPlus, job.Settings?.Mode);
        Assert.Equal(0, job.Settings?.Rotate);
        Assert.Equal("order-42", job.UserData);
        Assert.Equal(0, job.JobLevel);

        var result = Assert.IsType<QualityEstimate>(job.QualityEstimate);
        Assert.Equal(7.81, result.Score);
        Assert.True(result.IsGoodQuality);
        var vqa = Assert.IsType<VqaPlusResult>(result.VqaPlus);
        Assert.False(vqa.NoAudio);
        Assert.False(vqa.NoVideo);
        Assert.Equal(2, vqa.DetailedResults.Count);

        var blur = vqa.DetailedResults[0];
        Assert.Equal(QualityIssueType.Blur, blur.Type);
        Assert.Equal(2, blur.Items.Count);
        Assert.Equal(87, blur.Items[0].Confidence);
        Assert.Equal(1.5, blur.Items[0].StartTimeOffset);
        Assert.Equal(3.25, blur.Items[0].EndTimeOffset);
        Assert.Equal(new[] { 10, 20, 640, 360 }, blur.Items[0].AreaCoordSet);
        Assert.Equal(65, blur.Items[1].Confidence);
        Assert.Empty(blur.Items[1].AreaCoordSet);

        var qr = vqa.DetailedResults[1];
        Assert.Equal(QualityIssueType.QRCode, qr.Type);
        var qrItem = Assert.Single(qr.Items);
        Assert.Null(qrItem.Confidence);
        Assert.Equal(new[] { 100, 200, 300, 400 }, qrItem.AreaCoordSet);

        if (expectMediaInfo)
        {
            Assert.NotNull(job.MediaInfo);
            var video = Assert.Single(job.MediaInfo!.VideoStreams);
            Assert.Equal(0, video.Index);
            Assert.Equal("h264", video.CodecName);
            Assert.Equal(1920, video.Width);
            Assert.Equal(1080, video.Height);
            var audio = Assert.Single(job.MediaInfo.AudioStreams);
            Assert.Equal(1, audio.Index);
            Assert.Equal("aac", audio.CodecName);
            Assert.Equal(TimeSpan.FromSeconds(30), job.MediaInfo.Format!.Duration);
            Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", job.MediaInfo.Format.FormatName);
            Assert.Equal(2, job.MediaInfo.Format.NumStream);
            Assert.Empty(job.MediaInfo.AdditionalElements);
        }
    }

    // ---- Success paths ----

    [Fact]
    public void Parse_XmlVqaPlusSuccess_ReadsScoreAndFindings()
    {
        var callback = JobCallback.Parse(Fixture("vqaplus-success.xml"), "application/xml");

        Assert.Equal(CallbackFormat.Xml, callback.Format);
        AssertVqaPlusSuccess(callback);
        Assert.Equal(new DateTimeOffset(2024, 5, 10, 10, 16, 2, TimeSpan.FromHours(8)), callback.Jobs[0].EndTime);
    }

    [Fact]
    public void Parse_XmlMultiChildMediaInfoBeforeQualityEstimate_KeepsBoth()
    {
        const string body = "<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId><Operation>"
            + "<MediaInfo><Format><Duration>3</Duration></Format><Stream><Video><Width>64</Width></Video></Stream></MediaInfo>"
            + "<QualityEstimate><Score>9</Score></QualityEstimate><UserData>u</UserData></Operation></JobsDetail></Response>";

        var job = Assert.Single(JobCallback.Parse(body).Jobs);

        Assert.Equal(9, job.QualityEstimate?.Score);
        Assert.Equal("u", job.UserData);
        Assert.NotNull(job.MediaInfo);
        Assert.Equal(64, Assert.Single(job.MediaInfo!.VideoStreams).Width);
        Assert.Equal("64", job.MediaInfo.VideoStreams[0].RawValues["Width"]);
        Assert.Equal(TimeSpan.FromSeconds(3), job.MediaInfo.Format?.Duration);
        Assert.Equal("3", job.MediaInfo.Format?.RawValues["Duration"]);
    }

    [Fact]
    public void Parse_NullLiteral_CompilesAndThrowsTypedException()
    {
        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(null!));
    }

    [Fact]
    public void Parse_JsonObjectForm_ReadsSameContentAsXml()
    {
        var callback = JobCallback.Parse(Fixture("vqaplus-success.json"), "application/json");

        Assert.Equal(CallbackFormat.Json, callback.Format);
        AssertVqaPlusSuccess(callback);
        Assert.Equal(new DateTimeOffset(2024, 5, 10, 10, 16, 2, TimeSpan.FromHours(8)), callback.Jobs[0].EndTime);
        Assert.Equal("30.0", callback.Jobs[0].MediaInfo!.Format?.RawValues["Duration"]);
    }

    [Fact]
    public void Parse_JsonArrayFormWithStringValues_ReadsSameContentAsXml()
    {
        var callback = JobCallback.Parse(Fixture("vqaplus-success-array.json"));

        AssertVqaPlusSuccess(callback, expectMediaInfo: false);
    }

    [Theory]
    [InlineData("7.5", "87", "true", "1.5")]
    [InlineData("\"7.5\"", "\"87\"", "\"true\"", "\"1.5\"")]
    [InlineData("\" 7.5 \"", "\"87.0\"", "\"1\"", "\"1.5\"")]
    public void Parse_JsonNumbersAsNumbersOrStrings_ReadsSameValues(string score, string confidence, string noAudio, string start)
    {
        var body = """
            {"EventName":"TaskFinish","JobsDetail":{"JobId":"j1","State":"Success","Tag":"QualityEstimate","Operation":{
              "QualityEstimate":{"Score":SCORE,"VqaPlusResult":{"NoAudio":NOAUDIO,
                "DetailedResult":{"Type":"Noise","Items":{"Confidence":CONFIDENCE,"StartTimeOffset":START,"AreaCoordSet":[1,"2",[3],"4"]}}}}}}}
            """.Replace("SCORE", score).Replace("NOAUDIO", noAudio).Replace("CONFIDENCE", confidence).Replace("START", start);

        var job = Assert.Single(JobCallback.Parse(body).Jobs);

        Assert.Equal(7.5, job.QualityEstimate?.Score);
        Assert.True(job.QualityEstimate?.VqaPlus?.NoAudio);
        Assert.Null(job.QualityEstimate?.VqaPlus?.NoVideo);
        var item = Assert.Single(Assert.Single(job.QualityEstimate!.VqaPlus!.DetailedResults).Items);
        Assert.Equal(87, item.Confidence);
        Assert.Equal(1.5, item.StartTimeOffset);
        Assert.Equal(new[] { 1, 2, 3, 4 }, item.AreaCoordSet);
    }

    [Fact]
    public void Parse_JsonPropertyNamesInOtherCase_MatchesCaseInsensitively()
    {
        const string body = """{"eventName":"TaskFinish","jobsdetail":[{"JOBID":"j1","state":"Failed","code":"InternalError","message":"boom"}]}""";

        var callback = JobCallback.Parse(body);

        Assert.Equal("TaskFinish", callback.EventName);
        var job = Assert.Single(callback.Jobs);
        Assert.Equal("j1", job.JobId);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("InternalError", job.Code);
        Assert.Equal("boom", job.Message);
    }

    [Fact]
    public void Parse_JsonExactAndOtherCaseNames_PrefersExactName()
    {
        const string body = """{"EventName":"TaskFinish","JobsDetail":{"jobId":"wrong","JobId":"right"}}""";

        Assert.Equal("right", Assert.Single(JobCallback.Parse(body).Jobs).JobId);
    }

    [Fact]
    public void Parse_JsonWrappedInResponse_ReadsInnerObject()
    {
        const string body = """{"Response":{"EventName":"TaskFinish","JobsDetail":{"JobId":"j1","State":"Success"}}}""";

        var callback = JobCallback.Parse(body);

        Assert.Equal("TaskFinish", callback.EventName);
        Assert.Equal("j1", Assert.Single(callback.Jobs).JobId);
    }

    [Fact]
    public void Parse_JsonObjectUserData_KeepsJsonText()
    {
        const string body = """{"EventName":"TaskFinish","JobsDetail":{"JobId":"j1","Operation":{"UserData":{"a":1}}}}""";

        Assert.Equal("""{"a":1}""", Assert.Single(JobCallback.Parse(body).Jobs).UserData);
    }

    [Fact]
    public void Parse_JsonMediaInfoWithOddNamesAndControlChars_BuildsWritableXElement()
    {
        const string body = """{"EventName":"TaskFinish","JobsDetail":{"JobId":"j1","Operation":{"MediaInfo":{"a b":"x\u0000y","":1,"1st":[[1,2],3],"ns:x":null}}}}""";

        var mediaInfo = Assert.Single(JobCallback.Parse(body).Jobs).MediaInfo;

        Assert.NotNull(mediaInfo);
        // Unknown members are kept as elements that can always be written out (no invalid XML characters).
        var xml = string.Concat(mediaInfo!.AdditionalElements.Select(e => e.ToString()));
        Assert.Contains("x\uFFFDy", xml);
        Assert.Equal(3, mediaInfo.AdditionalElements.Count(e => e.Name.LocalName == System.Xml.XmlConvert.EncodeLocalName("1st")));
    }

    [Fact]
    public void Parse_JsonNoJobsDetail_ReturnsEmptyJobs()
    {
        var callback = JobCallback.Parse("""{"EventName":"TaskFinish"}""");

        Assert.Empty(callback.Jobs);
    }

    [Fact]
    public void Parse_XmlWithoutEventName_EventNameIsEmpty()
    {
        var callback = JobCallback.Parse("<Response><JobsDetail><JobId>j1</JobId><State>Running</State></JobsDetail></Response>");

        Assert.Equal(string.Empty, callback.EventName);
        Assert.Equal(JobState.Running, Assert.Single(callback.Jobs).State);
    }

    // ---- Content type and sniffing ----

    [Theory]
    [InlineData("vqaplus-success.xml", null, CallbackFormat.Xml)]
    [InlineData("vqaplus-success.xml", "text/xml", CallbackFormat.Xml)]
    [InlineData("vqaplus-success.xml", "application/xml; charset=utf-8", CallbackFormat.Xml)]
    [InlineData("vqaplus-success.xml", "text/plain", CallbackFormat.Xml)]
    [InlineData("vqaplus-success.xml", "application/json; charset=utf-8", CallbackFormat.Xml)]
    [InlineData("vqaplus-success.json", null, CallbackFormat.Json)]
    [InlineData("vqaplus-success.json", "application/json; charset=utf-8", CallbackFormat.Json)]
    [InlineData("vqaplus-success.json", "text/xml", CallbackFormat.Json)]
    [InlineData("vqaplus-success.json", "application/octet-stream", CallbackFormat.Json)]
    public void Parse_ContentTypeVariants_SniffsBodyAndParses(string fixture, string? contentType, CallbackFormat expected)
    {
        var callback = JobCallback.Parse("\r\n  \t" + Fixture(fixture), contentType);

        Assert.Equal(expected, callback.Format);
        Assert.Equal(JobId, Assert.Single(callback.Jobs).JobId);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/xml")]
    [InlineData(null)]
    public void Parse_BodyStartingWithNeitherMarker_ThrowsTypedException(string? contentType)
    {
        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse("EventName=TaskFinish", contentType));

        Assert.Contains("EventName=TaskFinish", ex.Message);
    }

    [Fact]
    public void Parse_Utf8BytesWithBom_Parses()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Fixture("vqaplus-success.xml"))).ToArray();

        AssertVqaPlusSuccess(JobCallback.Parse(bytes, "text/xml"));
        AssertVqaPlusSuccess(JobCallback.Parse(Encoding.UTF8.GetBytes(Fixture("vqaplus-success.json")).AsSpan()));
    }

    // ---- Other job types, unknown values ----

    [Theory]
    [InlineData("transcode-success.xml")]
    [InlineData("transcode-success.json")]
    public void Parse_TranscodeCallbackWithUnknownElements_ParsesCommonFields(string fixture)
    {
        var callback = JobCallback.Parse(Fixture(fixture));

        Assert.Equal("TaskFinish", callback.EventName);
        var job = Assert.Single(callback.Jobs);
        Assert.Equal("j8d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", job.JobId);
        Assert.Equal(JobState.Success, job.State);
        Assert.Equal("Transcode", job.Tag);
        Assert.Equal("Success", job.Code);
        Assert.Equal(string.Empty, job.Message ?? string.Empty);
        Assert.Equal("transcode-7", job.UserData);
        Assert.Equal(1, job.JobLevel);
        Assert.Null(job.QualityEstimate);
        Assert.Null(job.Settings);
    }

    [Theory]
    [InlineData("<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId><State>Archived</State></JobsDetail></Response>")]
    [InlineData("""{"EventName":"TaskFinish","JobsDetail":{"JobId":"j1","State":"Archived"}}""")]
    public void Parse_UnknownState_KeepsRawState(string body)
    {
        var job = Assert.Single(JobCallback.Parse(body).Jobs);

        Assert.Equal(JobState.Unknown, job.State);
        Assert.Equal("Archived", job.RawState);
        Assert.False(job.HasCompleted);
    }

    [Fact]
    public void Parse_JsonScalarsOfWrongKind_BecomeNullNotException()
    {
        const string body = """{"EventName":["x"],"JobsDetail":[1,null,"s",{"JobId":{"a":1},"State":null,"Input":"x","Operation":[{"QualityEstimate":{"Score":{},"VqaPlusResult":{"DetailedResult":"x"}}}]}]}""";

        var callback = JobCallback.Parse(body);

        Assert.Equal(string.Empty, callback.EventName);
        var job = Assert.Single(callback.Jobs);
        Assert.Equal(string.Empty, job.JobId);
        Assert.Equal(JobState.Unknown, job.State);
        Assert.Null(job.Input);
        Assert.Null(job.QualityEstimate?.Score);
        Assert.Empty(job.QualityEstimate!.VqaPlus!.DetailedResults);
    }

    // ---- Malformed input ----

    [Theory]
    [InlineData("<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId></Response>")] // mismatched tags
    [InlineData("<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId></JobsDetail>")] // truncated: root not closed
    [InlineData("<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1")] // truncated mid-element
    [InlineData("<Response><EventName>TaskFinish</EventName></Response><Response/>")] // two roots
    [InlineData("<Response><EventName>TaskFinish</EventName></Response>trailing")] // trailing text
    [InlineData("<Job><JobId>j1</JobId></Job>")] // wrong root element
    [InlineData("<Error><Code>AccessDenied</Code></Error>")] // wrong root element
    [InlineData("<Response xmlns=\"urn:other\"><EventName>TaskFinish</EventName></Response>")] // wrong namespace
    [InlineData("<")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    public void Parse_MalformedOrTruncatedXml_ThrowsTypedException(string body)
    {
        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "application/xml"));

        Assert.StartsWith(body.Length > 64 ? body[..64] : body, ex.BodyPreview);
        Assert.Contains(ex.BodyPreview, ex.Message);
        Assert.False(JobCallback.TryParse(body, "application/xml", out var callback));
        Assert.Null(callback);
    }

    [Theory]
    [InlineData("{\"EventName\":\"TaskFinish\",\"JobsDetail\":{\"JobId\":\"j1\"")] // truncated
    [InlineData("{\"EventName\":\"TaskFinish\",\"JobsDetail\":{\"JobId\":\"j1\",}}")] // trailing comma
    [InlineData("{\"EventName\":\"TaskFinish\"} {}")] // two values
    [InlineData("{EventName:'TaskFinish'}")]
    [InlineData("{\"EventName\":\"TaskFinish\" /* c */}")]
    [InlineData("{")]
    [InlineData("[")]
    public void Parse_MalformedOrTruncatedJson_ThrowsTypedException(string body)
    {
        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "application/json"));

        Assert.Equal(body, ex.BodyPreview);
        Assert.IsAssignableFrom<CosException>(ex);
    }

    [Theory]
    [InlineData("[{\"JobId\":\"j1\",\"State\":\"Success\"}]")]
    [InlineData("[]")]
    public void Parse_JsonArrayAtRoot_ThrowsTypedException(string body)
    {
        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "application/json"));

        Assert.Contains("array", ex.Message);
    }

    [Fact]
    public void Parse_JsonNestedDeeperThanMaxDepth_ThrowsTypedException()
    {
        var depth = JobCallbackParser.MaxJsonDepth + 10;
        var body = "{\"EventName\":\"TaskFinish\",\"JobsDetail\":" + new string('[', depth) + new string(']', depth) + "}";

        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body));

        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void Parse_JsonNestedAtMaxDepthInUnknownProperty_Parses()
    {
        var depth = JobCallbackParser.MaxJsonDepth - 3;
        var body = "{\"EventName\":\"TaskFinish\",\"JobsDetail\":{\"JobId\":\"j1\",\"X\":" + new string('[', depth) + new string(']', depth) + "}}";

        Assert.Equal("j1", Assert.Single(JobCallback.Parse(body).Jobs).JobId);
    }

    private static string NestedXml(string container, int levels)
    {
        var body = new StringBuilder("<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId><Operation><" + container + ">");
        for (var i = 0; i < levels; i++)
        {
            body.Append("<a>");
        }

        for (var i = 0; i < levels; i++)
        {
            body.Append("</a>");
        }

        return body.Append("</" + container + "></Operation></JobsDetail></Response>").ToString();
    }

    [Theory]
    [InlineData("MediaInfo", 100_000)]
    [InlineData("Unknown", 100_000)]
    [InlineData("MediaInfo", JobCallbackParser.MaxXmlDepth)]
    public void Parse_XmlNestedDeeperThanMaxDepth_ThrowsTypedExceptionQuickly(string container, int levels)
    {
        var body = NestedXml(container, levels);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "text/xml"));

        Assert.Contains("deeper than 64", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Parse_XmlNestedAtMaxDepth_Parses()
    {
        // Response(1)/JobsDetail(2)/Operation(3)/MediaInfo(4) + 60 levels = 64.
        var body = NestedXml("MediaInfo", JobCallbackParser.MaxXmlDepth - 4);

        var job = Assert.Single(JobCallback.Parse(body).Jobs);

        Assert.Equal("j1", job.JobId);
        Assert.NotNull(job.MediaInfo);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \r\n\t ")]
    [InlineData("\uFEFF")]
    public void Parse_EmptyOrWhitespaceBody_ThrowsTypedException(string body)
    {
        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body));
        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "application/json"));
        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(Encoding.UTF8.GetBytes(body), "text/xml"));
        Assert.False(JobCallback.TryParse(body, null, out _));
    }

    [Fact]
    public void Parse_NullBody_ThrowsTypedExceptionAndTryParseReturnsFalse()
    {
        string? body = null;

        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body!));
        Assert.False(JobCallback.TryParse(body!, null, out var callback));
        Assert.Null(callback);
    }

    [Theory]
    [InlineData('<')]
    [InlineData('{')]
    public void Parse_OversizedBody_ThrowsTypedExceptionBeforeParsing(char first)
    {
        var body = first + new string(' ', CosXml.MaxBodyBytes);

        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body));

        Assert.Contains("limit", ex.Message);
        Assert.True(ex.BodyPreview.Length <= JobCallbackFormatException.MaxPreviewChars);
        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Parse_BodyAtSizeLimit_IsNotRejectedForSize()
    {
        const string xml = "<Response><EventName>TaskFinish</EventName></Response>";
        var body = xml + new string(' ', CosXml.MaxBodyBytes - xml.Length);

        Assert.Equal("TaskFinish", JobCallback.Parse(body).EventName);
    }

    [Theory]
    [InlineData("<!DOCTYPE Response [<!ENTITY x \"TaskFinish\">]><Response><EventName>&x;</EventName></Response>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE Response SYSTEM \"file:///etc/passwd\"><Response><EventName>TaskFinish</EventName></Response>")]
    [InlineData("<!DOCTYPE Response [<!ENTITY xxe SYSTEM \"http://127.0.0.1:1/xxe\">]><Response><EventName>&xxe;</EventName></Response>")]
    [InlineData("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Response><EventName>&c;</EventName></Response>")]
    public void Parse_XmlWithDtdOrEntities_ThrowsTypedExceptionWithoutResolving(string body)
    {
        // DtdProcessing.Prohibit fails at the DOCTYPE itself, before any entity (internal, file or http) is declared or resolved.
        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "text/xml"));

        Assert.Contains("DTD", ex.Message);
        Assert.DoesNotContain("root:", ex.Message);
    }

    [Fact]
    public void Parse_BodyWithControlCharacters_PreviewReplacesThemAndIsBounded()
    {
        var body = "<Response>\u0001\u0007\n" + new string('x', 200);

        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body));

        Assert.Equal(JobCallbackFormatException.MaxPreviewChars, ex.BodyPreview.Length);
        Assert.StartsWith("<Response>?? xxx", ex.BodyPreview);
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c));
    }

    // A lone surrogate (which a .NET string can hold but UTF-8 cannot) is replaced by U+FFFD and the body parses;
    // characters XML 1.0 forbids (raw or as a character reference) make the body unreadable: a typed refusal.
    [Theory]
    [InlineData("{\"EventName\":\"\uD800\"}", true)]
    [InlineData("<Response><EventName>\uD800</EventName></Response>", true)]
    [InlineData("<Response><EventName>\u0001</EventName></Response>", false)]
    [InlineData("<Response><EventName>&#0;</EventName></Response>", false)]
    public void Parse_InvalidCharacters_ThrowsTypedExceptionOrParses(string body, bool parses)
    {
        if (parses)
        {
            var callback = JobCallback.Parse(body);
            Assert.NotEmpty(callback.EventName);
            Assert.All(callback.EventName, c => Assert.Equal('\uFFFD', c));
        }
        else
        {
            var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body));
            Assert.Contains("is an invalid character", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_RandomTruncationsOfFixtures_NeverThrowUntypedExceptions()
    {
        foreach (var name in new[] { "vqaplus-success.xml", "vqaplus-success.json", "transcode-success.xml", "transcode-success.json" })
        {
            // Every prefix that cuts into the document is refused with the typed exception (never another type, never
            // a partial callback); a prefix that only drops trailing whitespace still holds the whole document and parses.
            var body = Fixture(name);
            var document = body.TrimEnd();
            for (var length = 0; length < body.Length; length += 7)
            {
                var prefix = body[..length];
                if (length >= document.Length)
                {
                    Assert.NotNull(JobCallback.Parse(prefix));
                }
                else
                {
                    Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(prefix));
                }
            }
        }
    }

    [Fact]
    public void TryParse_ValidBody_ReturnsCallback()
    {
        Assert.True(JobCallback.TryParse(Fixture("vqaplus-success.json"), "application/json", out var callback));

        AssertVqaPlusSuccess(callback);
    }

    [Fact]
    public void Parse_JsonWithLoneSurrogate_ThrowsJobCallbackFormatExceptionAndTryParseReturnsFalse()
    {
        const string body = "{\"JobsDetail\":[{\"JobId\":\"j\\ud800\"}]}";

        Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse(body, "application/json"));
        Assert.False(JobCallback.TryParse(body, "application/json", out _));
    }
}
