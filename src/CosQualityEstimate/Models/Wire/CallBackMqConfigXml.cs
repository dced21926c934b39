using System.ComponentModel;
using System.Xml.Serialization;

namespace CosQualityEstimate.Models.Wire;

/// <summary>Wire form of <c>CallBackMqConfig</c> (TDMQ callback target).</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class CallBackMqConfigXml
{
    /// <summary><c>MqRegion</c>: the TDMQ region (for example <c>bj</c>, <c>sh</c>, <c>gz</c>, <c>cd</c>, <c>hk</c>).</summary>
    [XmlElement("MqRegion")] public string? MqRegion { get; set; }

    /// <summary><c>MqMode</c>: <c>Queue</c> or <c>Topic</c>.</summary>
    [XmlElement("MqMode")] public string? MqMode { get; set; }

    /// <summary><c>MqName</c>: the TDMQ queue or topic name.</summary>
    [XmlElement("MqName")] public string? MqName { get; set; }
}
