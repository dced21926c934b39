namespace CosQualityEstimate.Cli.Objects;

/// <summary>
/// The one rule for where the CLI puts what it uploads itself: under <see cref="Prefix"/> (the default of
/// <c>estimate --upload-prefix</c>, and the <c>JobsClientOptions.UploadKeyPrefix</c> of every client the CLI builds, in
/// place of the library's own default <c>uploads/</c>), a server-side batch's URL file under <c>&lt;Prefix&gt;server-side/</c>.
/// No other upload prefix is declared in the CLI.
/// </summary>
internal static class UploadKeys
{
    /// <summary>The key prefix of every upload the CLI chooses the key of.</summary>
    internal const string Prefix = "cosqe-uploads/";

    /// <summary>The key of the URL file a server-side batch over <c>--keys</c> uploads.</summary>
    /// <param name="batchName">The batch's name.</param>
    internal static string UrlFile(string batchName) => Prefix + "server-side/" + batchName + ".urls";
}
