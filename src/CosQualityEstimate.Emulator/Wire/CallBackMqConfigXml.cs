namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of <c>CallBackMqConfig</c> (TDMQ callback target).</summary>
internal sealed class CallBackMqConfigXml
{
    /// <summary><c>MqRegion</c>: the TDMQ region (for example <c>bj</c>, <c>sh</c>, <c>gz</c>, <c>cd</c>, <c>hk</c>).</summary>
    public string? MqRegion { get; set; }

    /// <summary><c>MqMode</c>: <c>Queue</c> or <c>Topic</c>.</summary>
    public string? MqMode { get; set; }

    /// <summary><c>MqName</c>: the TDMQ queue or topic name.</summary>
    public string? MqName { get; set; }
}
