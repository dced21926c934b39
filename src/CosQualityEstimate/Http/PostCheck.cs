namespace CosQualityEstimate.Http;

/// <summary>What a look at the service after an ambiguous POST found (see <see cref="AmbiguousPost"/>).</summary>
/// <typeparam name="T">The POST's result.</typeparam>
internal readonly record struct PostCheck<T>
{
    private PostCheck(bool applied, bool provedNotApplied, T? result)
    {
        Applied = applied;
        ProvedNotApplied = provedNotApplied;
        Result = result;
    }

    /// <summary>The POST took effect; <see cref="Result"/> is what it produced.</summary>
    internal bool Applied { get; }

    /// <summary>The POST provably had no effect: resending it cannot duplicate anything.</summary>
    internal bool ProvedNotApplied { get; }

    internal T? Result { get; }

    /// <summary>Nothing is proven either way: the failure stands.</summary>
    internal static PostCheck<T> Unknown => default;

    /// <summary>Proven not applied: safe to resend.</summary>
    internal static PostCheck<T> NotApplied => new(false, true, default);

    /// <summary>Applied, with its result.</summary>
    /// <param name="result">What the POST produced.</param>
    internal static PostCheck<T> Done(T result) => new(true, false, result);
}
