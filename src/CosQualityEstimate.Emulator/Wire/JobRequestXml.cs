namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of the Submit-Job request body: <c>&lt;Request&gt;</c>.</summary>
internal sealed class JobRequestXml
{
    /// <summary><c>Tag</c>: always <c>QualityEstimate</c> for this job type.</summary>
    public string? Tag { get; set; }

    /// <summary><c>Input</c>: the file to analyse.</summary>
    public JobInputXml? Input { get; set; }

    /// <summary><c>Operation</c>: the operation rule.</summary>
    public JobOperationXml? Operation { get; set; }

    /// <summary><c>CallBack</c>: callback URL, or <c>no</c> to suppress the queue's callback.</summary>
    public string? CallBack { get; set; }

    /// <summary><c>CallBackFormat</c>: <c>JSON</c> or <c>XML</c>.</summary>
    public string? CallBackFormat { get; set; }

    /// <summary><c>CallBackType</c>: <c>Url</c> or <c>TDMQ</c>.</summary>
    public string? CallBackType { get; set; }

    /// <summary><c>CallBackMqConfig</c>: TDMQ configuration, required when CallBackType is TDMQ.</summary>
    public CallBackMqConfigXml? CallBackMqConfig { get; set; }
}
