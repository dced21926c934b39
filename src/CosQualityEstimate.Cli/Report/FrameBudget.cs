namespace CosQualityEstimate.Cli.Report;

/// <summary>The report's frame budget as it is spent (<see cref="ReportOptions.FrameBudgetChars"/>).</summary>
internal sealed class FrameBudget
{
    public FrameBudget(long chars) => Remaining = chars;

    /// <summary>Characters of <c>data:</c> URI text still allowed.</summary>
    public long Remaining { get; private set; }

    /// <summary>Frames written.</summary>
    public int Written { get; private set; }

    /// <summary>Frames left out because the budget was spent.</summary>
    public int LeftOut { get; private set; }

    /// <summary>Takes <paramref name="chars"/> from the budget; false (counted as left out) when they do not fit.</summary>
    public bool TryTake(long chars)
    {
        if (chars > Remaining)
        {
            LeftOut++;
            return false;
        }

        Remaining -= chars;
        Written++;
        return true;
    }
}
