using System.Reflection;
using System.Text;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>
/// The wire DTOs are internal, and the XmlSerializer oracle runs on public mirror types compiled from the same source
/// files (<c>WIRE_ORACLE</c>). These tests pin that set-up: the library exposes no wire type, every wire type has a
/// public mirror with the same members and XML attributes, and the copy between the two loses nothing.
/// </summary>
public sealed class WireOracleTests
{
    private static readonly Assembly Library = typeof(JobsClient).Assembly;

    private static Type[] WireTypes() => Library.GetTypes()
        .Where(t => t.Namespace == "CosQualityEstimate.Models.Wire" && !t.IsNested && !t.Name.StartsWith('<'))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Library_ExposesNoWireType()
    {
        Assert.NotEmpty(WireTypes());
        Assert.All(WireTypes(), t => Assert.False(t.IsPublic, t.FullName + " is public"));
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.Namespace?.StartsWith("CosQualityEstimate.Models.Wire", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void EveryWireType_HasAPublicMirror_WithTheSameMembersAndXmlAttributes()
    {
        var mirrors = typeof(WireOracleTests).Assembly.GetTypes()
            .Where(t => t.Namespace == WireXmlSerializer.OracleNamespace)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(WireTypes().Select(t => t.Name), mirrors.Select(t => t.Name));
        foreach (var wire in WireTypes())
        {
            var mirror = WireXmlSerializer.OracleMirror.MirrorOf(wire);
            Assert.True(mirror.IsPublic, mirror.FullName + " must be public for XmlSerializer");
            Assert.Equal(Describe(wire), Describe(mirror));
        }
    }

    [Fact]
    public void Copy_ToTheMirrorAndBack_KeepsEveryValue()
    {
        var wire = new JobsResponseXml
        {
            EventName = "TaskFinish",
            NextToken = "t",
            NonExistJobIds = { "x1", "x2" },
            JobsDetail =
            {
                new JobDetailXml
                {
                    Code = "c", Message = "m", JobId = "j1", State = "Success", CreationTime = "a", StartTime = "b", EndTime = "e", QueueId = "q", Tag = "QualityEstimate",
                    Input = new JobInputXml { Object = "in/a.mp4", BucketId = "b-1", Bucket = "b-2", Region = "ap-beijing" },
                    Operation = new JobOperationXml
                    {
                        QualityEstimateConfig = new QualityEstimateConfigXml { Rotate = "90", Mode = "VqaPlus" },
                        UserData = "u",
                        JobLevel = "1",
                        MediaInfo = XElement.Parse("<MediaInfo><Format><Size>1</Size></Format></MediaInfo>"),
                        QualityEstimate = new QualityEstimateXml
                        {
                            Score = "87.5",
                            VqaPlusResult = new VqaPlusResultXml
                            {
                                NoAudio = "false",
                                NoVideo = "true",
                                DetailedResult = { new DetailedResultXml { Type = "Blur", Items = { new DetailedResultItemXml { Confidence = "9", StartTimeOffset = "1", EndTimeOffset = "2", AreaCoordSet = { "1,2", "3,4" } } } } },
                            },
                        },
                    },
                },
            },
        };

        var mirror = WireXmlSerializer.OracleMirror.ToOracle(wire);
        var back = WireXmlSerializer.OracleMirror.FromOracle<JobsResponseXml>(mirror);

        Assert.Equal(WireXmlSerializer.OracleNamespace, mirror.GetType().Namespace);
        Assert.NotSame(wire, back);
        Assert.Equal(Encoding.UTF8.GetString(WireXmlSerializer.Serialize(wire)), Encoding.UTF8.GetString(WireXmlSerializer.Serialize(back)));

        // MediaInfo is an XElement (compared as XML; a deep member walk would follow its parent links), the rest member by member.
        dynamic mirrorJob = ((dynamic)mirror).JobsDetail[0];
        Assert.True(XNode.DeepEquals(wire.JobsDetail[0].Operation!.MediaInfo, (XElement)mirrorJob.Operation.MediaInfo));
        Assert.True(XNode.DeepEquals(wire.JobsDetail[0].Operation!.MediaInfo, back.JobsDetail[0].Operation!.MediaInfo));
        wire.JobsDetail[0].Operation!.MediaInfo = null;
        back.JobsDetail[0].Operation!.MediaInfo = null;
        mirrorJob.Operation.MediaInfo = null;
        Assert.Equivalent(wire, mirror, strict: true);
        Assert.Equivalent(wire, back, strict: true);
    }

    /// <summary>Each public property with its type (mirror namespace folded to the wire one) and its XML attributes.</summary>
    private static string[] Describe(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => p.Name + ":" + p.PropertyType.ToString().Replace(WireXmlSerializer.OracleNamespace, "CosQualityEstimate.Models.Wire", StringComparison.Ordinal)
            + "[" + string.Join(",", p.CustomAttributes.Select(a => a.ToString())) + "]")
        .Concat(type.CustomAttributes.Where(a => a.AttributeType.Namespace == "System.Xml.Serialization").Select(a => "type " + a))
        .ToArray();
}
