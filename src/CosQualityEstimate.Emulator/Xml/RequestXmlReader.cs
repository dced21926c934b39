using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// Reads the Submit-Job body (<c>&lt;Request&gt;</c>) into <see cref="JobRequestXml"/>: the body is loaded as an
/// <see cref="XDocument"/> through <see cref="EmulatorXml.Load"/> (DTDs prohibited, no resolver,
/// <see cref="EmulatorXml.MaxBodyBytes"/> and <see cref="EmulatorXml.MaxDepth"/> caps), then mapped with LINQ to XML by
/// the rules of <see cref="ElementFields"/>, with the same results as <c>XmlSerializer</c> (checked by differential tests
/// against the oracle <c>OracleXml</c>). Stricter than the serializer, it rejects content after the root element and
/// excessive nesting. Trimming- and Native-AOT-safe (no reflection). Every failure is an <see cref="XmlException"/>, which
/// the emulator answers with 400 <c>MalformedXML</c>.
/// </summary>
internal static class RequestXmlReader
{
    /// <summary>Reads a complete <c>&lt;Request&gt;</c> document.</summary>
    /// <exception cref="XmlException">The body is over the size limit, not well-formed XML, has a DTD, a root other than
    /// <c>&lt;Request&gt;</c>, trailing content, excessive nesting, or an element where text belongs.</exception>
    internal static JobRequestXml Read(ReadOnlySpan<byte> body, XmlReadMeter? meter = null)
    {
        var root = EmulatorXml.Load(body, meter).Root!; // Load throws "Root element is missing" on a document without one
        if (root.Name != XName.Get("Request", string.Empty))
        {
            throw new XmlException($"<{root.Name.LocalName} xmlns='{root.Name.NamespaceName}'> was not expected; the root element must be <Request>.");
        }

        return new JobRequestXml
        {
            Tag = root.Text("Tag"),
            Input = root.Object("Input", ReadInput),
            Operation = root.Object("Operation", ReadOperation),
            CallBack = root.Text("CallBack"),
            CallBackFormat = root.Text("CallBackFormat"),
            CallBackType = root.Text("CallBackType"),
            CallBackMqConfig = root.Object("CallBackMqConfig", static e => new CallBackMqConfigXml
            {
                MqRegion = e.Text("MqRegion"),
                MqMode = e.Text("MqMode"),
                MqName = e.Text("MqName"),
            }),
        };
    }

    private static JobInputXml ReadInput(XElement input) => new()
    {
        Object = input.Text("Object"),
        BucketId = input.Text("BucketId"),
        Bucket = input.Text("Bucket"),
        Region = input.Text("Region"),
    };

    private static JobOperationXml ReadOperation(XElement operation) => new()
    {
        QualityEstimateConfig = operation.Object("QualityEstimateConfig", static e => new QualityEstimateConfigXml
        {
            Rotate = e.Text("Rotate"),
            Mode = e.Text("Mode"),
        }),
        UserData = operation.Text("UserData"),
        JobLevel = operation.Text("JobLevel"),

        // Response-only members a submit never carries; read as the serializer would anyway (MediaInfo as a raw element).
        MediaInfo = operation.Field("MediaInfo") is { } mediaInfo ? new XElement(mediaInfo) : null,
        QualityEstimate = operation.Object("QualityEstimate", ReadQualityEstimate),
    };

    private static QualityEstimateXml ReadQualityEstimate(XElement estimate) => new()
    {
        Score = estimate.Text("Score"),
        ResultSource = estimate.Text("ResultSource"),
        VqaPlusResult = estimate.Object("VqaPlusResult", static vqa => new VqaPlusResultXml
        {
            NoAudio = vqa.Text("NoAudio"),
            NoVideo = vqa.Text("NoVideo"),
            DetailedResult = vqa.Fields("DetailedResult").Select(static detail => new DetailedResultXml
            {
                Type = detail.Text("Type"),
                Items = detail.Fields("Items").Select(static item => new DetailedResultItemXml
                {
                    Confidence = item.Text("Confidence"),
                    StartTimeOffset = item.Text("StartTimeOffset"),
                    EndTimeOffset = item.Text("EndTimeOffset"),
                    AreaCoordSet = item.Texts("AreaCoordSet"),
                }).ToList(),
            }).ToList(),
        }),
    };
}
