namespace CosQualityEstimate.Jobs;

/// <summary>Job ids go into the URL path; reject what cannot be one before anything is sent.</summary>
internal static class JobIdValidator
{
    internal static void Validate(string jobId, string paramName)
    {
        if (string.IsNullOrWhiteSpace(jobId))
        {
            throw new ArgumentException("A job id must not be empty.", paramName);
        }

        foreach (var c in jobId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                throw new ArgumentException($"Job id \"{jobId}\" contains '{c}'; job ids are letters, digits, '-' and '_' (for example \"j229ed9e2f60c11ec8525e36307395bf9\").", paramName);
            }
        }
    }
}
