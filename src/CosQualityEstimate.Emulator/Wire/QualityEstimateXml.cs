namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of <c>Operation/QualityEstimate</c>: the analysis result.</summary>
internal sealed class QualityEstimateXml
{
    /// <summary><c>Score</c>: quality score as text, at most 10.</summary>
    public string? Score { get; set; }

    /// <summary><c>VqaPlusResult</c>: detailed results in vqaPlus mode.</summary>
    public VqaPlusResultXml? VqaPlusResult { get; set; }

    /// <summary>
    /// <c>ResultSource</c>: the emulator's marker of where the result came from, <see cref="ResultSources.Simulated"/> or
    /// <see cref="ResultSources.LocalAnalysis"/>. The real service never sends it; written last inside
    /// <c>&lt;QualityEstimate&gt;</c>, omitted when <see langword="null"/>.
    /// </summary>
    public string? ResultSource { get; set; }
}

/// <summary>Wire form of <c>VqaPlusResult</c>.</summary>
internal sealed class VqaPlusResultXml
{
    /// <summary><c>NoAudio</c>: the input has no audio.</summary>
    public string? NoAudio { get; set; }

    /// <summary><c>NoVideo</c>: the input has no video.</summary>
    public string? NoVideo { get; set; }

    /// <summary><c>DetailedResult</c>: one entry per kind of problem found.</summary>
    public List<DetailedResultXml> DetailedResult { get; set; } = new();
}

/// <summary>Wire form of <c>DetailedResult</c>.</summary>
internal sealed class DetailedResultXml
{
    /// <summary><c>Type</c>: the kind of problem (Jitter, Blur, ...).</summary>
    public string? Type { get; set; }

    /// <summary><c>Items</c>: where the problem occurs.</summary>
    public List<DetailedResultItemXml> Items { get; set; } = new();
}

/// <summary>Wire form of <c>DetailedResult/Items</c>.</summary>
internal sealed class DetailedResultItemXml
{
    /// <summary><c>Confidence</c>: 0 to 100; may be absent.</summary>
    public string? Confidence { get; set; }

    /// <summary><c>StartTimeOffset</c>: start, in seconds.</summary>
    public string? StartTimeOffset { get; set; }

    /// <summary><c>EndTimeOffset</c>: end, in seconds.</summary>
    public string? EndTimeOffset { get; set; }

    /// <summary><c>AreaCoordSet</c>: area coordinates in pixels, repeated elements or a comma-separated list.</summary>
    public List<string> AreaCoordSet { get; set; } = new();
}
