using System.Text;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>Typed <see cref="MediaInfo"/> through the production readers (XML response, XML and JSON callbacks).</summary>
public sealed class MediaInfoParsingTests
{
    private static JobDetail Response(string xml) =>
        JobDetailConverter.ToPublic(JobsResponseParser.Parse(new CosResponse(200, Encoding.UTF8.GetBytes(xml), null)).JobsDetail.Single());

    private static string WithMediaInfo(string mediaInfo) =>
        $"<Response><JobsDetail><JobId>j1</JobId><State>Success</State><Operation>{mediaInfo}</Operation></JobsDetail></Response>";

    [Fact]
    public void Response_FullMediaInfo_ReadsFormatWithTypedValues()
    {
        var format = Response(Fixture.Text("mediainfo-response.xml")).MediaInfo!.Format!;

        Assert.Equal(3, format.NumStream);
        Assert.Equal(0, format.NumProgram);
        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", format.FormatName);
        Assert.Equal("QuickTime / MOV", format.FormatLongName);
        Assert.Equal(TimeSpan.Zero, format.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(12480), format.Duration);
        Assert.Equal(1225.723, format.Bitrate);
        Assert.Equal(1756799L, format.Size);
        Assert.Equal("12.480000", format.RawValues["Duration"]);
        Assert.Empty(format.AdditionalElements);
    }

    [Fact]
    public void Response_FullMediaInfo_ReadsEveryVideoField()
    {
        var video = Assert.Single(Response(Fixture.Text("mediainfo-response.xml")).MediaInfo!.VideoStreams);

        Assert.Equal(0, video.Index);
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10", video.CodecLongName);
        Assert.Equal("1/50", video.CodecTimeBase);
        Assert.Equal("avc1", video.CodecTagString);
        Assert.Equal("0x31637661", video.CodecTag);
        Assert.Equal("High", video.Profile);
        Assert.Equal(1080, video.Height);
        Assert.Equal(1920, video.Width);
        Assert.Equal(2, video.HasBFrame);
        Assert.Equal(1, video.RefFrames);
        Assert.Equal("1:1", video.Sar);
        Assert.Equal("16:9", video.Dar);
        Assert.Equal("yuv420p", video.PixFormat);
        Assert.Equal("progressive", video.FieldOrder);
        Assert.Equal(40, video.Level);
        Assert.Equal(25.0, video.Fps);
        Assert.Equal(25.0, video.AvgFps);
        Assert.Equal("1/12800", video.Timebase);
        Assert.Equal(TimeSpan.Zero, video.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(12480), video.Duration);
        Assert.Equal(1094.432, video.Bitrate);
        Assert.Equal(312L, video.NumFrames);
        Assert.Equal("und", video.Language);
        Assert.Equal(90.0, video.Rotation);
    }

    [Fact]
    public void Response_FullMediaInfo_ReadsEveryAudioFieldAndSubtitle()
    {
        var media = Response(Fixture.Text("mediainfo-response.xml")).MediaInfo!;
        var audio = Assert.Single(media.AudioStreams);

        Assert.Equal(1, audio.Index);
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal("AAC (Advanced Audio Coding)", audio.CodecLongName);
        Assert.Equal("1/44100", audio.CodecTimeBase);
        Assert.Equal("mp4a", audio.CodecTagString);
        Assert.Equal("0x6134706d", audio.CodecTag);
        Assert.Equal("fltp", audio.SampleFmt);
        Assert.Equal(44100, audio.SampleRate);
        Assert.Equal(2, audio.Channel);
        Assert.Equal("stereo", audio.ChannelLayout);
        Assert.Equal("1/44100", audio.Timebase);
        Assert.Equal(TimeSpan.Zero, audio.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(12480), audio.Duration);
        Assert.Equal(128.0, audio.Bitrate);
        Assert.Equal("eng", audio.Language);

        var subtitle = Assert.Single(media.SubtitleStreams);
        Assert.Equal(2, subtitle.Index);
        Assert.Equal("chi", subtitle.Language);
    }

    [Fact]
    public void Response_UnknownElements_AreKeptNotDropped()
    {
        var media = Response(Fixture.Text("mediainfo-response.xml")).MediaInfo!;

        var video = media.VideoStreams[0];
        Assert.Equal("bt709", video.RawValues["ColorPrimaries"]);
        Assert.Equal("ColorPrimaries", Assert.Single(video.AdditionalElements).Name.LocalName);
        Assert.Equal(new[] { "Data", "Chapters" }, media.AdditionalElements.Select(e => e.Name.LocalName));
        Assert.Equal("3", media.AdditionalElements[0].Element("Index")?.Value);
        Assert.Equal("1", media.AdditionalElements[1].Element("Chapter")?.Value);
    }

    [Fact]
    public void Response_UnparsableNumbers_AreNullWithTheRawTextKept()
    {
        var media = Response(WithMediaInfo(
            "<MediaInfo><Format><Duration>N/A</Duration><Size>big</Size><NumStream>2.5</NumStream></Format>"
            + "<Stream><Video><Width>wide</Width><Fps>30000/1001</Fps><NumFrames></NumFrames><Rotation>-90</Rotation></Video>"
            + "<Audio><SampleRate>44.1k</SampleRate><Channel>2.0</Channel></Audio></Stream></MediaInfo>")).MediaInfo!;

        Assert.Null(media.Format!.Duration);
        Assert.Equal("N/A", media.Format.RawValues["Duration"]);
        Assert.Null(media.Format.Size);
        Assert.Equal("big", media.Format.RawValues["Size"]);
        Assert.Null(media.Format.NumStream);
        Assert.Equal("2.5", media.Format.RawValues["NumStream"]);
        var video = media.VideoStreams[0];
        Assert.Null(video.Width);
        Assert.Equal("wide", video.RawValues["Width"]);
        Assert.Null(video.Fps);
        Assert.Equal("30000/1001", video.RawValues["Fps"]);
        Assert.Null(video.NumFrames);
        Assert.Equal(string.Empty, video.RawValues["NumFrames"]);
        Assert.Equal(-90.0, video.Rotation);
        Assert.Null(media.AudioStreams[0].SampleRate);
        Assert.Equal("44.1k", media.AudioStreams[0].RawValues["SampleRate"]);
        Assert.Equal(2, media.AudioStreams[0].Channel); // "2.0" is an integral value
    }

    [Fact]
    public void Response_SeveralVideoAndAudioStreams_KeepsOrder()
    {
        var media = Response(WithMediaInfo(
            "<MediaInfo><Stream><Video><Index>0</Index></Video><Audio><Index>1</Index></Audio><Video><Index>2</Index></Video>"
            + "<Audio><Index>3</Index></Audio></Stream></MediaInfo>")).MediaInfo!;

        Assert.Equal(new int?[] { 0, 2 }, media.VideoStreams.Select(v => v.Index));
        Assert.Equal(new int?[] { 1, 3 }, media.AudioStreams.Select(a => a.Index));
        Assert.Null(media.Format);
        Assert.Empty(media.SubtitleStreams);
    }

    [Fact]
    public void Response_EmptyMediaInfo_IsEmptyNotNull()
    {
        var media = Response(WithMediaInfo("<MediaInfo/>")).MediaInfo;

        Assert.NotNull(media);
        Assert.Null(media!.Format);
        Assert.Empty(media.VideoStreams);
        Assert.Empty(media.AudioStreams);
        Assert.Empty(media.AdditionalElements);
    }

    [Fact]
    public void Response_NoMediaInfo_IsNull()
    {
        Assert.Null(Response(WithMediaInfo("<JobLevel>0</JobLevel>")).MediaInfo);
    }

    [Fact]
    public void XmlAndJsonCallbacks_SameMediaInfo_ReadTheSameTypedValues()
    {
        const string xml = "<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId><Operation><MediaInfo>"
            + "<Format><Duration>10.500000</Duration><Size>2048</Size></Format><Stream><Video><Width>640</Width><Height>360</Height>"
            + "<AvgFps>29.97</AvgFps></Video><Audio><SampleRate>48000</SampleRate><Channel>1</Channel></Audio></Stream>"
            + "</MediaInfo></Operation></JobsDetail></Response>";
        const string json = """
            {"EventName":"TaskFinish","JobsDetail":{"JobId":"j1","Operation":{"MediaInfo":{
              "Format":{"Duration":"10.500000","Size":2048},
              "Stream":{"Video":{"Width":640,"Height":"360","AvgFps":29.97},"Audio":[{"SampleRate":48000,"Channel":"1"}]}}}}}
            """;

        var fromXml = JobCallback.Parse(xml).Jobs[0].MediaInfo!;
        var fromJson = JobCallback.Parse(json).Jobs[0].MediaInfo!;

        foreach (var media in new[] { fromXml, fromJson })
        {
            Assert.Equal(TimeSpan.FromSeconds(10.5), media.Format!.Duration);
            Assert.Equal(2048L, media.Format.Size);
            Assert.Equal(640, media.VideoStreams[0].Width);
            Assert.Equal(360, media.VideoStreams[0].Height);
            Assert.Equal(29.97, media.VideoStreams[0].AvgFps);
            Assert.Equal(48000, media.AudioStreams[0].SampleRate);
            Assert.Equal(1, media.AudioStreams[0].Channel);
        }
    }

    [Fact]
    public void JsonCallback_LowerCaseNames_AreMatched()
    {
        const string json = """{"JobsDetail":{"JobId":"j1","Operation":{"MediaInfo":{"format":{"duration":2},"stream":{"video":[{"width":8}]}}}}}""";

        var media = JobCallback.Parse(json).Jobs[0].MediaInfo!;

        Assert.Equal(TimeSpan.FromSeconds(2), media.Format!.Duration);
        Assert.Equal(8, Assert.Single(media.VideoStreams).Width);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("-1e300")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Response_OutOfRangeDuration_IsNullNeverThrows(string text)
    {
        var media = Response(WithMediaInfo($"<MediaInfo><Format><Duration>{text}</Duration></Format></MediaInfo>")).MediaInfo!;

        Assert.Null(media.Format!.Duration);
        Assert.Equal(text, media.Format.RawValues["Duration"]);
    }
}
