namespace CosQualityEstimate.Models;

/// <summary>State of a job (<c>JobsDetail/State</c>).</summary>
public enum JobState
{
    /// <summary>A state this library does not know (sent by a newer service); see <see cref="JobDetail.RawState"/>.</summary>
    Unknown = 0,

    /// <summary><c>Submitted</c>: waiting to run.</summary>
    Submitted,

    /// <summary><c>Running</c>: executing.</summary>
    Running,

    /// <summary><c>Success</c>: finished successfully (terminal).</summary>
    Success,

    /// <summary><c>Failed</c>: finished with an error; see <see cref="JobDetail.Code"/> and <see cref="JobDetail.Message"/> (terminal).</summary>
    Failed,

    /// <summary>Wire value <c>Pause</c>: the queue is paused; the job resumes when it is (not terminal).</summary>
    Paused,

    /// <summary>Wire value <c>Cancel</c>: canceled (terminal).</summary>
    Canceled,
}
