using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// The service's rules for what a job submit and a batch create share (<see cref="OperationSettings"/>), checked once for
/// both before anything is sent. Every failure is an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> names the field (for example <c>request.UserData</c>).
/// </summary>
internal static class OperationSettingsValidator
{
    /// <summary>The service's limit on <c>UserData</c>.</summary>
    internal const int MaxUserDataLength = 1024;

    /// <summary>Longest <c>QueueId</c> the client accepts.</summary>
    internal const int MaxQueueIdLength = 64;

    /// <summary>Checks <paramref name="settings"/>.</summary>
    /// <param name="settings">The shared settings of the request.</param>
    /// <param name="configPrefix">Where the request keeps <c>Rotate</c> and <c>Mode</c> (<c>request.</c> for a job; <c>request.UnconfirmedQualityEstimateConfig.</c> for a batch).</param>
    internal static void Validate(in OperationSettings settings, string configPrefix)
    {
        if (settings.Rotate is int rotate && rotate is not (0 or 90 or 180 or 270))
        {
            throw new ArgumentOutOfRangeException(configPrefix + "Rotate", rotate, "Rotate must be 0, 90, 180 or 270.");
        }

        if (settings.Mode is QualityEstimateMode mode && !Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(configPrefix + "Mode", mode, "Mode must be General or VqaPlus.");
        }

        if (settings.JobLevel is int level && level is not (0 or 1 or 2))
        {
            throw new ArgumentOutOfRangeException("request.JobLevel", level, "JobLevel must be 0, 1 or 2.");
        }

        if (settings.QueueId is { } queue && (queue.Length is 0 or > MaxQueueIdLength || !IsToken(queue)))
        {
            throw new ArgumentException($"QueueId must be 1 to {MaxQueueIdLength} letters or digits.", "request.QueueId");
        }

        ValidateUserData(settings.UserData);
        ValidateCallback(settings);
    }

    internal static void ValidateUserData(string? userData)
    {
        if (userData is null)
        {
            return;
        }

        if (userData.Length > MaxUserDataLength)
        {
            throw new ArgumentException($"UserData must be at most {MaxUserDataLength} characters; it has {userData.Length}.", "request.UserData");
        }

        if (userData.Contains(ClientToken.Marker, StringComparison.Ordinal))
        {
            throw new ArgumentException($"UserData must not contain \"{ClientToken.Marker}\": the client uses it to mark client tokens (set QualityEstimateJobRequest.ClientToken instead).", "request.UserData");
        }

        for (var i = 0; i < userData.Length; i++)
        {
            var c = userData[i];
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"UserData must be printable ASCII (0x20-0x7E); the character at index {i} is U+{(int)c:X4}.", "request.UserData");
            }
        }
    }

    private static void ValidateCallback(in OperationSettings settings)
    {
        if (settings.CallbackFormat is CallbackFormat format && !Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException("request.CallbackFormat", format, "CallbackFormat must be Xml or Json.");
        }

        if (settings.CallbackType is CallbackType type && !Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException("request.CallbackType", type, "CallbackType must be Url or Tdmq.");
        }

        JobRequestValidator.ValidateXmlText(settings.CallbackUrl, "request.CallbackUrl");
        if (settings.CallbackMqConfig is { } config)
        {
            JobRequestValidator.ValidateXmlText(config.Region, "request.CallbackMqConfig.Region");
            JobRequestValidator.ValidateXmlText(config.Mode, "request.CallbackMqConfig.Mode");
            JobRequestValidator.ValidateXmlText(config.Name, "request.CallbackMqConfig.Name");
        }

        if (settings.CallbackUrl is { } callback && callback != "no")
        {
            if (!Uri.TryCreate(callback, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException("CallbackUrl must be an absolute http or https URL, or \"no\" to suppress the queue's callback.", "request.CallbackUrl");
            }
        }

        if (settings.CallbackType == CallbackType.Tdmq)
        {
            var mq = settings.CallbackMqConfig
                ?? throw new ArgumentException("CallbackMqConfig is required when CallbackType is Tdmq.", "request.CallbackMqConfig");
            if (string.IsNullOrWhiteSpace(mq.Region))
            {
                throw new ArgumentException("CallbackMqConfig.Region (MqRegion) is required when CallbackType is Tdmq.", "request.CallbackMqConfig.Region");
            }

            if (mq.Mode is not ("Queue" or "Topic"))
            {
                throw new ArgumentException("CallbackMqConfig.Mode (MqMode) must be \"Queue\" or \"Topic\".", "request.CallbackMqConfig.Mode");
            }

            if (string.IsNullOrWhiteSpace(mq.Name))
            {
                throw new ArgumentException("CallbackMqConfig.Name (MqName) is required when CallbackType is Tdmq.", "request.CallbackMqConfig.Name");
            }
        }
    }

    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
