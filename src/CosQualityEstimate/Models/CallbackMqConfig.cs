namespace CosQualityEstimate.Models;

/// <summary>TDMQ callback target (<c>CallBackMqConfig</c>); required when <see cref="CallbackType.Tdmq"/> is used.</summary>
public sealed class CallbackMqConfig
{
    /// <summary><c>MqRegion</c>: the TDMQ region, for example <c>bj</c>, <c>sh</c>, <c>gz</c>, <c>cd</c> or <c>hk</c>. Required.</summary>
    public string? Region { get; set; }

    /// <summary><c>MqMode</c>: <c>Queue</c> or <c>Topic</c>. Required.</summary>
    public string? Mode { get; set; }

    /// <summary><c>MqName</c>: the queue or topic name. Required.</summary>
    public string? Name { get; set; }
}
