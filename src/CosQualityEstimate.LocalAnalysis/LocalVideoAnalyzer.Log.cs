using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>The analyzer's log messages (category <c>CosQualityEstimate.LocalAnalysis.LocalVideoAnalyzer</c>).</summary>
public partial class LocalVideoAnalyzer
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Analysing {File} with {Ffmpeg}.")]
    private static partial void LogStarting(ILogger logger, string file, string ffmpeg);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Analysed {File}: {DurationSeconds:0.0} s of media in {ElapsedSeconds:0.0} s, score {Score}, {Findings} finding(s).")]
    private static partial void LogAnalysed(ILogger logger, string file, double durationSeconds, double elapsedSeconds, double score, int findings);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Local analysis of {File} failed ({Failure}, retryable: {Retryable}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string file, LocalAnalysisFailure failure, bool retryable, string reason);
}
