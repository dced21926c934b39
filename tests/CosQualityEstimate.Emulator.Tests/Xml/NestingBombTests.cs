using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using CosQualityEstimate.Emulator.Xml;

namespace CosQualityEstimate.Emulator.Tests.Xml;

/// <summary>
/// Issue 26: a body of unclosed nested elements is refused on reaching <see cref="EmulatorXml.MaxDepth"/>, while the
/// body is read, on every endpoint that reads XML. The cost is shown by counting the reader's steps
/// (<see cref="XmlReadMeter"/>): a bomb filling the 4 MiB body limit costs exactly as many steps as one of 200 levels, so
/// refusing any body is linear in the bytes received and bounded by the body limit (wall time: <c>XmlBombBenchmarks</c>).
/// After each refusal the emulator serves the next request.
/// </summary>
public sealed class NestingBombTests
{
    private const string JobPrefix = "<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input>";
    private const string BatchPrefix = "<Request><Name>bomb</Name><Type>Job</Type><Input><Prefix>bomb/</Prefix></Input><Operation><Tag>QualityEstimate</Tag></Operation>";
    private const string CompletePrefix = "<CompleteMultipartUpload>";

    /// <summary><paramref name="prefix"/>, then unclosed <c>&lt;a&gt;</c> elements up to <paramref name="bytes"/> bytes (the body limit by default).</summary>
    private static string Bomb(string prefix, int bytes = EmulatorXml.MaxBodyBytes)
    {
        var levels = (bytes - prefix.Length) / 3;
        return new StringBuilder(prefix.Length + (levels * 3)).Append(prefix).Insert(prefix.Length, "<a>", levels).ToString();
    }

    private static string SmallBomb(string prefix) => prefix + string.Concat(Enumerable.Repeat("<a>", 200));

    [Fact]
    public void Load_BombAtTheBodyLimit_IsRefusedAtTheDepthLimit_InTheStepsOfASmallBomb()
    {
        var big = new XmlReadMeter();
        var small = new XmlReadMeter();
        var bomb = Encoding.UTF8.GetBytes(Bomb(JobPrefix));

        var ex = Assert.Throws<XmlException>(() => EmulatorXml.Load(bomb, big));
        Assert.Throws<XmlException>(() => EmulatorXml.Load(Encoding.UTF8.GetBytes(SmallBomb(JobPrefix)), small));

        Assert.True(bomb.Length > EmulatorXml.MaxBodyBytes - 3, "the bomb fills the body limit");
        Assert.Contains("deeper than 64 levels", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, big.RefusedForDepth);
        Assert.Equal(small.Steps, big.Steps);
        Assert.InRange(big.Steps, EmulatorXml.MaxDepth, EmulatorXml.MaxDepth + 32);
    }

    [Fact]
    public void Load_NestingAtTheLimit_IsRead_OneLevelMoreIsRefused()
    {
        static byte[] Nested(int depth) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)));

        var document = EmulatorXml.Load(Nested(EmulatorXml.MaxDepth));

        Assert.Equal(EmulatorXml.MaxDepth, document.Descendants().Count());
        Assert.Throws<XmlException>(() => EmulatorXml.Load(Nested(EmulatorXml.MaxDepth + 1)));
    }

    [Fact]
    public void Load_DepthRefusedBeforeTheRestIsRead_EvenWhenTheRestIsMalformed()
    {
        // Read first, checked afterwards, this body would fail on its malformed tail; refused while reading, it fails on its depth.
        var body = Encoding.UTF8.GetBytes(SmallBomb(JobPrefix) + "<<< not xml &undefined; </b>");

        var ex = Assert.Throws<XmlException>(() => EmulatorXml.Load(body));

        Assert.Contains("deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitJob_BombAtTheBodyLimit_Is400MalformedXml_InBoundedSteps_AndTheNextSubmitSucceeds()
    {
        await using var emu = await TestEmulator.StartAsync();

        var smallSteps = await StepsOfAsync(emu, () => emu.SendAsync(HttpMethod.Post, "/jobs", SmallBomb(JobPrefix)));
        var (response, bigSteps) = await SendCountingAsync(emu, () => emu.SendAsync(HttpMethod.Post, "/jobs", Bomb(JobPrefix)));
        var next = await emu.SendAsync(HttpMethod.Post, "/jobs", TestEmulator.SubmitBody("a.mp4"));

        AssertRefused(response, "MalformedXML");
        Assert.Equal(smallSteps, bigSteps);
        Assert.Equal(2, emu.Emulator.XmlReads.RefusedForDepth);
        Assert.Equal(200, next.Status);
        Assert.Single(emu.Emulator.GetJobsSnapshot());
    }

    [Fact]
    public async Task CreateBatch_BombAtTheBodyLimit_Is400MalformedXml_InBoundedSteps_AndTheNextCreateSucceeds()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.LocalAnalysis = false);
        Assert.Equal(200, (await emu.SendAsync(HttpMethod.Put, "/bomb/a.mp4", configure: Octets(Encoding.UTF8.GetBytes("video")))).Status);

        var smallSteps = await StepsOfAsync(emu, () => emu.SendAsync(HttpMethod.Post, "/inventorytriggerjob", SmallBomb(BatchPrefix)));
        var (response, bigSteps) = await SendCountingAsync(emu, () => emu.SendAsync(HttpMethod.Post, "/inventorytriggerjob", Bomb(BatchPrefix)));
        var next = await emu.SendAsync(HttpMethod.Post, "/inventorytriggerjob", BatchPrefix + "</Request>");

        AssertRefused(response, "MalformedXML");
        Assert.Equal(smallSteps, bigSteps);
        Assert.Equal(2, emu.Emulator.XmlReads.RefusedForDepth);
        Assert.Equal(200, next.Status);
        Assert.Equal(1, emu.Emulator.BatchCount);
    }

    [Fact]
    public async Task CompleteMultipartUpload_BombAtTheBodyLimit_Is400MalformedXml_InBoundedSteps_AndTheNextCompleteSucceeds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var initiated = await emu.SendAsync(HttpMethod.Post, "/m.bin?uploads");
        var uploadId = initiated.Xml.Element("UploadId")!.Value;
        var part = await emu.SendAsync(HttpMethod.Put, $"/m.bin?partNumber=1&uploadId={uploadId}", configure: Octets(new byte[100]));

        var smallSteps = await StepsOfAsync(emu, () => emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", SmallBomb(CompletePrefix)));
        var (response, bigSteps) = await SendCountingAsync(emu, () => emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", Bomb(CompletePrefix)));
        var next = await emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", $"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{part.Header("ETag")}</ETag></Part></CompleteMultipartUpload>");

        AssertRefused(response, "MalformedXML");
        Assert.Equal(smallSteps, bigSteps);
        Assert.Equal(2, emu.Emulator.XmlReads.RefusedForDepth);
        Assert.Equal(200, next.Status);
        Assert.Equal(1, emu.Emulator.ObjectCount);
    }

    private static void AssertRefused(RawResponse response, string code)
    {
        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }

    private static async Task<long> StepsOfAsync(TestEmulator emu, Func<Task<RawResponse>> send)
    {
        var (response, steps) = await SendCountingAsync(emu, send);
        AssertRefused(response, "MalformedXML");
        return steps;
    }

    private static async Task<(RawResponse Response, long Steps)> SendCountingAsync(TestEmulator emu, Func<Task<RawResponse>> send)
    {
        // The depth limit plus the few nodes of the prefix, whatever the body's size.
        var before = emu.Emulator.XmlReads.Steps;
        var response = await send();
        var steps = emu.Emulator.XmlReads.Steps - before;
        Assert.InRange(steps, EmulatorXml.MaxDepth, EmulatorXml.MaxDepth + 32);
        return (response, steps);
    }

    private static Action<HttpRequestMessage> Octets(byte[] bytes) => request =>
    {
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = bytes.Length;
    };
}
