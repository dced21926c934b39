using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// Cost of the XML layer on the submit path and on response reads: building and serializing the seed's
/// example Submit-Job request, and parsing (wire DTO + mapping to the public model) the seed's example
/// response and a completed vqaPlus response with 50 detailed-result items. Each operation has an <c>_XmlSerializer</c>
/// row (the reference) and a row for the hand-written <see cref="JobRequestWriter"/> / <see cref="JobsResponseReader"/>
/// the client uses.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private const string SeedResponse =
        "<Response>\n" +
        "<JobsDetail>\n" +
        "<Code>Success</Code>\n" +
        "<Message/>\n" +
        "<JobId>j229ed9e2f60c11ec8525e36307395bf9</JobId>\n" +
        "<State>Submitted</State>\n" +
        "<CreationTime>2022-06-27T15:23:10+0800</CreationTime>\n" +
        "<StartTime>-</StartTime>\n" +
        "<EndTime>-</EndTime>\n" +
        "<QueueId>p2242ab62c7c94486915508540933a2c6</QueueId>\n" +
        "<Tag>QualityEstimate</Tag>\n" +
        "<Input>\n" +
        "<BucketId>test-123456789</BucketId>\n" +
        "<Object>input/demo.mp4</Object>\n" +
        "<Region>ap-chongqing</Region>\n" +
        "</Input>\n" +
        "<Operation>\n" +
        "<QualityEstimateConfig>\n" +
        "<Rotate>90</Rotate>\n" +
        "<Mode>vqaPlus</Mode>\n" +
        "</QualityEstimateConfig>\n" +
        "<UserData>This is my data.</UserData>\n" +
        "<JobLevel>0</JobLevel>\n" +
        "</Operation>\n" +
        "</JobsDetail>\n" +
        "</Response>\n";

    private static readonly string[] IssueTypes = ["Jitter", "Blur", "LowLighting", "Noise", "Mosaic"];
    private const int ItemsPerType = 10;

    private readonly QualityEstimateJobRequest _request = new("input/demo.mp4")
    {
        Rotate = 90,
        Mode = QualityEstimateMode.VqaPlus,
        UserData = "This is my data.",
        JobLevel = 0,
        CallbackUrl = "http://callback.demo.com",
        CallbackFormat = CallbackFormat.Json,
    };

    private byte[] _seedResponse = null!;
    private byte[] _vqaPlusResponse = null!;

    [GlobalSetup]
    public void Setup()
    {
        _seedResponse = Encoding.UTF8.GetBytes(SeedResponse);
        _vqaPlusResponse = Encoding.UTF8.GetBytes(BuildVqaPlusResponse());

        // Sanity checks, so a broken serializer or fixture cannot produce a fast-but-wrong number.
        var body = Encoding.UTF8.GetString(SerializeSubmitRequest_Writer());
        const string expectedBody =
            "<Request><Tag>QualityEstimate</Tag><Input><Object>input/demo.mp4</Object></Input>"
            + "<Operation><QualityEstimateConfig><Rotate>90</Rotate><Mode>vqaPlus</Mode></QualityEstimateConfig>"
            + "<UserData>This is my data.</UserData><JobLevel>0</JobLevel></Operation>"
            + "<CallBack>http://callback.demo.com</CallBack><CallBackFormat>JSON</CallBackFormat></Request>";
        if (body != expectedBody || body != Encoding.UTF8.GetString(SerializeSubmitRequest_XmlSerializer()))
        {
            throw new InvalidOperationException("Unexpected submit body: " + body);
        }

        CheckSeed(ParseSeedResponse_XmlSerializer());
        CheckSeed(ParseSeedResponse_Reader());
        CheckVqaPlus(ParseVqaPlusResponse50Items_XmlSerializer());
        CheckVqaPlus(ParseVqaPlusResponse50Items_Reader());
    }

    private static void CheckSeed(IReadOnlyList<JobDetail> seed)
    {
        if (seed.Count != 1 || seed[0].JobId != "j229ed9e2f60c11ec8525e36307395bf9" || seed[0].State != JobState.Submitted
            || seed[0].Settings?.Mode != QualityEstimateMode.VqaPlus || seed[0].JobLevel != 0 || seed[0].Input?.BucketId != "test-123456789")
        {
            throw new InvalidOperationException("Seed response did not parse as expected.");
        }
    }

    private static void CheckVqaPlus(IReadOnlyList<JobDetail> vqa)
    {
        var job = vqa.Count == 1 ? vqa[0] : throw new InvalidOperationException($"vqaPlus: {vqa.Count} jobs.");
        var results = job.QualityEstimate?.VqaPlus?.DetailedResults ?? throw new InvalidOperationException("vqaPlus: no DetailedResults.");
        Check(job.State == JobState.Success, "State");
        Check(job.QualityEstimate?.Score == 8.75, "Score");
        Check(job.MediaInfo is not null, "MediaInfo");
        Check(results.Count == IssueTypes.Length, "DetailedResult count");
        Check(results.Sum(r => r.Items.Count) == 50, "item count");
        Check(results.All(r => r.Items.All(i => i.AreaCoordSet.Count == 4 && i.Confidence is not null && i.EndTimeOffset is not null)), "item fields");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"vqaPlus response did not parse as expected: {what}.");
        }
    }

    /// <summary>Request model → wire DTO → UTF-8 XML body through <see cref="WireXmlSerializer.Serialize{T}"/> (XmlSerializer; the reference).</summary>
    [Benchmark]
    public byte[] SerializeSubmitRequest_XmlSerializer() =>
        WireXmlSerializer.Serialize(JobRequestConverter.ToWire(_request));

    /// <summary>Request model → wire DTO → UTF-8 XML body through the hand-written <see cref="JobRequestWriter"/> (what the client sends).</summary>
    [Benchmark]
    public byte[] SerializeSubmitRequest_Writer() =>
        JobRequestWriter.Write(JobRequestConverter.ToWire(_request));

    /// <summary>Same as <see cref="SerializeSubmitRequest_XmlSerializer"/> preceded by client-side validation.</summary>
    [Benchmark]
    public byte[] ValidateAndSerializeSubmitRequest_XmlSerializer()
    {
        JobRequestValidator.Validate(_request);
        return WireXmlSerializer.Serialize(JobRequestConverter.ToWire(_request));
    }

    /// <summary>Same as <see cref="SerializeSubmitRequest_Writer"/> preceded by client-side validation (the full pre-send work).</summary>
    [Benchmark]
    public byte[] ValidateAndSerializeSubmitRequest_Writer()
    {
        JobRequestValidator.Validate(_request);
        return JobRequestWriter.Write(JobRequestConverter.ToWire(_request));
    }

    /// <summary>The seed's example Submit-Job response → wire DTO (XmlSerializer) → public <see cref="JobDetail"/>.</summary>
    [Benchmark]
    public IReadOnlyList<JobDetail> ParseSeedResponse_XmlSerializer() =>
        JobDetailConverter.ToPublic(WireXmlSerializer.Deserialize<JobsResponseXml>(_seedResponse.AsSpan()).JobsDetail);

    /// <summary>The seed's example Submit-Job response → wire DTO (<see cref="JobsResponseReader"/>, what the client uses) → public model.</summary>
    [Benchmark]
    public IReadOnlyList<JobDetail> ParseSeedResponse_Reader() =>
        JobDetailConverter.ToPublic(JobsResponseReader.Read(_seedResponse).JobsDetail);

    /// <summary>A completed vqaPlus response (score, MediaInfo, 5 types × 10 items × 4 coordinates) → public model, via XmlSerializer.</summary>
    [Benchmark]
    public IReadOnlyList<JobDetail> ParseVqaPlusResponse50Items_XmlSerializer() =>
        JobDetailConverter.ToPublic(WireXmlSerializer.Deserialize<JobsResponseXml>(_vqaPlusResponse.AsSpan()).JobsDetail);

    /// <summary>The same vqaPlus response via <see cref="JobsResponseReader"/>.</summary>
    [Benchmark]
    public IReadOnlyList<JobDetail> ParseVqaPlusResponse50Items_Reader() =>
        JobDetailConverter.ToPublic(JobsResponseReader.Read(_vqaPlusResponse).JobsDetail);

    private static string BuildVqaPlusResponse()
    {
        var sb = new StringBuilder(16 * 1024);
        sb.Append("<Response>\n<JobsDetail>\n")
          .Append("<Code>Success</Code>\n<Message/>\n")
          .Append("<JobId>j229ed9e2f60c11ec8525e36307395bf9</JobId>\n")
          .Append("<State>Success</State>\n")
          .Append("<CreationTime>2022-06-27T15:23:10+0800</CreationTime>\n")
          .Append("<StartTime>2022-06-27T15:23:11+0800</StartTime>\n")
          .Append("<EndTime>2022-06-27T15:24:40+0800</EndTime>\n")
          .Append("<QueueId>p2242ab62c7c94486915508540933a2c6</QueueId>\n")
          .Append("<Tag>QualityEstimate</Tag>\n")
          .Append("<Input>\n<BucketId>test-123456789</BucketId>\n<Object>input/demo.mp4</Object>\n<Region>ap-chongqing</Region>\n</Input>\n")
          .Append("<Operation>\n")
          .Append("<QualityEstimateConfig>\n<Rotate>90</Rotate>\n<Mode>vqaPlus</Mode>\n</QualityEstimateConfig>\n")
          .Append("<UserData>This is my data.</UserData>\n<JobLevel>0</JobLevel>\n")
          // MediaInfo with Format and Stream children, as the service sends it; Setup() checks the result after it is parsed.
          .Append("<MediaInfo>\n<Format>\n<Duration>120.040000</Duration>\n<FormatName>mov,mp4,m4a,3gp,3g2,mj2</FormatName>\n")
          .Append("<NumStream>2</NumStream>\n<Size>31457280</Size>\n<Bitrate>2096.452</Bitrate>\n</Format>\n")
          .Append("<Stream>\n<Video>\n<Width>1920</Width>\n<Height>1080</Height>\n</Video>\n</Stream>\n</MediaInfo>\n")
          .Append("<QualityEstimate>\n<Score>8.75</Score>\n<VqaPlusResult>\n<NoAudio>false</NoAudio>\n<NoVideo>false</NoVideo>\n");

        for (var t = 0; t < IssueTypes.Length; t++)
        {
            sb.Append("<DetailedResult>\n<Type>").Append(IssueTypes[t]).Append("</Type>\n");
            for (var i = 0; i < ItemsPerType; i++)
            {
                var start = (t * ItemsPerType + i) * 2.4;
                sb.Append("<Items>\n")
                  .Append("<Confidence>").Append((60 + i * 3).ToString(CultureInfo.InvariantCulture)).Append("</Confidence>\n")
                  .Append("<StartTimeOffset>").Append(start.ToString("0.000", CultureInfo.InvariantCulture)).Append("</StartTimeOffset>\n")
                  .Append("<EndTimeOffset>").Append((start + 1.2).ToString("0.000", CultureInfo.InvariantCulture)).Append("</EndTimeOffset>\n")
                  .Append("<AreaCoordSet>").Append(10 * i).Append("</AreaCoordSet>\n")
                  .Append("<AreaCoordSet>").Append(20 * i).Append("</AreaCoordSet>\n")
                  .Append("<AreaCoordSet>").Append(640 + 10 * i).Append("</AreaCoordSet>\n")
                  .Append("<AreaCoordSet>").Append(360 + 20 * i).Append("</AreaCoordSet>\n")
                  .Append("</Items>\n");
            }

            sb.Append("</DetailedResult>\n");
        }

        sb.Append("</VqaPlusResult>\n</QualityEstimate>\n</Operation>\n</JobsDetail>\n</Response>\n");
        return sb.ToString();
    }
}
