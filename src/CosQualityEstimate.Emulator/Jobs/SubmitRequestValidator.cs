using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>Validates a submit body like the service does, and fills the service defaults into the echo.</summary>
internal static class SubmitRequestValidator
{
    private static readonly string[] Rotations = { "0", "90", "180", "270" };

    /// <summary>Returns an error message naming the field, or <see langword="null"/> when valid.</summary>
    internal static string? Validate(JobRequestXml request)
    {
        if (request.Tag != "QualityEstimate")
        {
            return "Tag must be QualityEstimate";
        }

        if (string.IsNullOrWhiteSpace(request.Input?.Object))
        {
            return "Input.Object is required";
        }

        return ValidateSettings(request);
    }

    /// <summary>
    /// The rules a submit shares with a batch (its job template): QualityEstimateConfig, JobLevel, UserData and the
    /// callback settings; an error message naming the field, or <see langword="null"/> when valid. Tag and Input are not
    /// looked at (a batch's template has no input of its own).
    /// </summary>
    internal static string? ValidateSettings(JobRequestXml request)
    {
        var config = request.Operation?.QualityEstimateConfig;
        if (config?.Rotate is { } rotate && Array.IndexOf(Rotations, rotate.Trim()) < 0)
        {
            return "Operation.QualityEstimateConfig.Rotate must be 0, 90, 180 or 270";
        }

        if (config?.Mode is { } mode && mode.Trim() is not ("general" or "vqaPlus"))
        {
            return "Operation.QualityEstimateConfig.Mode must be general or vqaPlus";
        }

        if (request.Operation?.JobLevel is { } level && level.Trim() is not ("0" or "1" or "2"))
        {
            return "Operation.JobLevel must be 0, 1 or 2";
        }

        if (request.Operation?.UserData is { } userData)
        {
            if (userData.Length > 1024)
            {
                return "Operation.UserData must be at most 1024 characters";
            }

            foreach (var c in userData)
            {
                if (c is < ' ' or > '~')
                {
                    return "Operation.UserData must be printable ASCII";
                }
            }
        }

        if (request.CallBackFormat is { } format && format is not ("JSON" or "XML"))
        {
            return "CallBackFormat must be JSON or XML";
        }

        if (request.CallBackType is { } type && type is not ("Url" or "TDMQ"))
        {
            return "CallBackType must be Url or TDMQ";
        }

        if (request.CallBackType == "TDMQ")
        {
            var mq = request.CallBackMqConfig;
            if (mq is null || string.IsNullOrWhiteSpace(mq.MqRegion) || string.IsNullOrWhiteSpace(mq.MqMode) || string.IsNullOrWhiteSpace(mq.MqName))
            {
                return "CallBackMqConfig (MqRegion, MqMode, MqName) is required when CallBackType is TDMQ";
            }
        }

        if (!string.IsNullOrEmpty(request.CallBack) && request.CallBack != "no"
            && (!Uri.TryCreate(request.CallBack, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return "CallBack must be an absolute http or https URL, or no";
        }

        return null;
    }

    /// <summary>A copy of the valid request with the service defaults filled in (Rotate 0, Mode general, JobLevel 0).</summary>
    internal static JobRequestXml Normalize(JobRequestXml request) => new()
    {
        Tag = "QualityEstimate",
        Input = new JobInputXml { Object = request.Input!.Object!.Trim() },
        Operation = new JobOperationXml
        {
            QualityEstimateConfig = new QualityEstimateConfigXml
            {
                Rotate = request.Operation?.QualityEstimateConfig?.Rotate?.Trim() ?? "0",
                Mode = request.Operation?.QualityEstimateConfig?.Mode?.Trim() ?? "general",
            },
            UserData = request.Operation?.UserData,
            JobLevel = request.Operation?.JobLevel?.Trim() ?? "0",
        },
        CallBack = request.CallBack,
        CallBackFormat = request.CallBackFormat ?? "XML",
        CallBackType = request.CallBackType ?? "Url",
        CallBackMqConfig = request.CallBackMqConfig,
    };
}
