using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>Who may set a threshold: the caller (a <see cref="LocalAnalysisThresholds"/> property) or only the library
/// (an <see cref="AnalysisPlan"/> property, reached through <c>LocalAnalysisThresholds.Plan</c>).</summary>
internal enum ThresholdScope
{
    /// <summary>A public <see cref="LocalAnalysisThresholds"/> property.</summary>
    Public,

    /// <summary>An internal <see cref="AnalysisPlan"/> property.</summary>
    Plan,
}

/// <summary>
/// The declaration of one threshold: its name, the range it must lie in and its default. It is the only copy: the
/// property's initial value is <see cref="Default"/> and <see cref="LocalAnalysisOptionsValidator"/> checks
/// <see cref="Min"/>–<see cref="Max"/> (all of them are in <see cref="ThresholdDeclarations"/>).
/// </summary>
internal sealed class Threshold
{
    public Threshold(string name, double min, double max, double defaultValue, Func<LocalAnalysisThresholds, double> read, ThresholdScope scope)
    {
        if (!(min <= defaultValue && defaultValue <= max))
        {
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"The default of {name} is outside its own range.");
        }

        Name = name;
        Min = min;
        Max = max;
        Default = defaultValue;
        Read = read;
        Scope = scope;
    }

    /// <summary>The property's name.</summary>
    public string Name { get; }

    /// <summary>The smallest allowed value.</summary>
    public double Min { get; }

    /// <summary>The largest allowed value; <see cref="double.PositiveInfinity"/> when only finite is required.</summary>
    public double Max { get; }

    /// <summary>The property's initial value.</summary>
    public double Default { get; }

    /// <summary><see cref="Default"/> of an integer property.</summary>
    public int DefaultInt => checked((int)Default);

    /// <summary>Reads the property from a set of thresholds.</summary>
    public Func<LocalAnalysisThresholds, double> Read { get; }

    public ThresholdScope Scope { get; }

    /// <summary>How the options name it: <c>Thresholds.Name</c> (public) or <c>Thresholds.Plan.Name</c> (internal).</summary>
    public string Path => Scope == ThresholdScope.Public ? "Thresholds." + Name : "Thresholds.Plan." + Name;

    /// <summary>The problem with this threshold's value in <paramref name="thresholds"/>; <c>null</c> when it is in range.</summary>
    public string? Check(LocalAnalysisThresholds thresholds)
    {
        var value = Read(thresholds);
        if (double.IsFinite(value) && value >= Min && value <= Max)
        {
            return null;
        }

        return double.IsPositiveInfinity(Max)
            ? $"{Path} must be a finite number, {F(Min)} or more (was {F(value)})."
            : $"{Path} must be between {F(Min)} and {F(Max)} (was {F(value)}).";
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
