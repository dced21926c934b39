using System.Collections.Concurrent;
using System.Text;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>Uploads through the emulator's object API and a scriptable stand-in for the local analyzer.</summary>
internal static class AnalysisHarness
{
    /// <summary>PUTs <paramref name="content"/> as object <paramref name="key"/> (signed, like any client).</summary>
    internal static async Task PutObjectAsync(TestEmulator emu, string key, byte[] content)
    {
        var response = await emu.SendAsync(HttpMethod.Put, "/" + key, configure: request =>
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("video/mp4");
        });
        Assert.True(response.Status == 200, $"PUT {key}: {response.Status} {response.Body}");
    }

    internal static Task PutObjectAsync(TestEmulator emu, string key, string content) => PutObjectAsync(emu, key, Encoding.UTF8.GetBytes(content));

    /// <summary>Turns local analysis on (it is opt-in) with <paramref name="analyze"/> standing in for the local analyzer.</summary>
    internal static void AnalyseWith(this CosEmulatorOptions options, LocalVideoAnalyzer analyze)
    {
        options.LocalAnalysis = true;
        options.Analyzer = analyze;
    }

    /// <summary>A result with one SolidColorScreen finding and the given score, as the real analyzer shapes it.</summary>
    internal static LocalAnalysisResult Result(double score) => new()
    {
        QualityEstimate = new QualityEstimate
        {
            Score = score,
            Source = QualityEstimateSource.LocalAnalysis,
            VqaPlus = new VqaPlusResult
            {
                NoAudio = true,
                NoVideo = false,
                DetailedResults =
                [
                    new DetailedResult
                    {
                        Type = QualityIssueType.SolidColorScreen,
                        Items = [new DetailedResultItem { Confidence = 97, StartTimeOffset = 1.0, EndTimeOffset = 2.5 }],
                    },
                ],
            },
        },
        DurationSeconds = 4,
        AnalysisTime = TimeSpan.FromSeconds(0.5),
    };
}

/// <summary>Records every analysed file's content and answers with <see cref="Answer"/>, optionally after <see cref="Gate"/>
/// (derived from <see cref="LocalVideoAnalyzer"/>, the seam the emulator takes).</summary>
internal sealed class ScriptedAnalyzer : LocalVideoAnalyzer
{
    internal ConcurrentQueue<string> Contents { get; } = new();

    internal TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal bool Gated { get; init; }

    internal Func<string, LocalAnalysisResult> Answer { get; init; } = static content => AnalysisHarness.Result(content.Length / 10.0);

    public override async Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllTextAsync(path, cancellationToken);
        Contents.Enqueue(content);
        if (Gated)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }

        return Answer(content);
    }
}

/// <summary>An analyzer whose every analysis is <see cref="_analyze"/> (for one-line scripted failures).</summary>
internal sealed class DelegateAnalyzer(Func<string, CancellationToken, Task<LocalAnalysisResult>> analyze) : LocalVideoAnalyzer
{
    private readonly Func<string, CancellationToken, Task<LocalAnalysisResult>> _analyze = analyze;

    public override Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default) => _analyze(path, cancellationToken);
}
