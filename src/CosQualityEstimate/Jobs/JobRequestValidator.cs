using System.Xml;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Checks a <see cref="QualityEstimateJobRequest"/> against the service's documented rules before anything is sent.
/// Every failure is an <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field
/// (for example <c>request.UserData</c>) and whose message states the rule.
/// </summary>
internal static class JobRequestValidator
{
    /// <summary>The service's limit on <c>UserData</c>.</summary>
    internal const int MaxUserDataLength = 1024;

    internal static void Validate(QualityEstimateJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (string.IsNullOrWhiteSpace(request.ObjectKey))
        {
            throw new ArgumentException("Input/Object (ObjectKey) must be a non-empty object key, for example \"input/demo.mp4\".", "request.ObjectKey");
        }

        ValidateXmlText(request.ObjectKey, "request.ObjectKey");

        if (request.Rotate is int rotate && rotate is not (0 or 90 or 180 or 270))
        {
            throw new ArgumentOutOfRangeException("request.Rotate", rotate, "Rotate must be 0, 90, 180 or 270.");
        }

        if (request.Mode is QualityEstimateMode mode && !Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException("request.Mode", mode, "Mode must be General or VqaPlus.");
        }

        if (request.JobLevel is int level && level is not (0 or 1 or 2))
        {
            throw new ArgumentOutOfRangeException("request.JobLevel", level, "JobLevel must be 0, 1 or 2.");
        }

        ValidateUserData(request.UserData);
        ValidateCallback(request);
        if (request.ClientToken is { } token)
        {
            ClientToken.Validate(token);
        }
    }

    /// <summary>Checks that UserData still fits when the client token marker is appended.</summary>
    internal static void ValidateWithClientToken(QualityEstimateJobRequest request, string token)
    {
        var length = (request.UserData?.Length ?? 0) + ClientToken.Overhead(token, !string.IsNullOrEmpty(request.UserData));
        if (length > MaxUserDataLength)
        {
            throw new ArgumentException(
                $"UserData must be at most {MaxUserDataLength - ClientToken.Overhead(token, true)} characters when a client token is used (the token marker takes {ClientToken.Overhead(token, true)}); it has {request.UserData?.Length ?? 0}.",
                "request.UserData");
        }
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

    private static void ValidateCallback(QualityEstimateJobRequest request)
    {
        if (request.CallbackFormat is CallbackFormat format && !Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException("request.CallbackFormat", format, "CallbackFormat must be Xml or Json.");
        }

        if (request.CallbackType is CallbackType type && !Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException("request.CallbackType", type, "CallbackType must be Url or Tdmq.");
        }

        ValidateXmlText(request.CallbackUrl, "request.CallbackUrl");
        if (request.CallbackMqConfig is { } config)
        {
            ValidateXmlText(config.Region, "request.CallbackMqConfig.Region");
            ValidateXmlText(config.Mode, "request.CallbackMqConfig.Mode");
            ValidateXmlText(config.Name, "request.CallbackMqConfig.Name");
        }

        if (request.CallbackUrl is { } callback && callback != "no")
        {
            if (!Uri.TryCreate(callback, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException("CallbackUrl must be an absolute http or https URL, or \"no\" to suppress the queue's callback.", "request.CallbackUrl");
            }
        }

        if (request.CallbackType == CallbackType.Tdmq)
        {
            var mq = request.CallbackMqConfig
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

    /// <summary>
    /// Rejects characters an XML document cannot carry (controls other than TAB, LF and CR, U+FFFE, U+FFFF, unpaired
    /// surrogates), which would otherwise fail only while the body is written.
    /// </summary>
    private static void ValidateXmlText(string? value, string paramName)
    {
        if (value is null)
        {
            return;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (XmlConvert.IsXmlChar(c))
            {
                continue;
            }

            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
            {
                i++;
                continue;
            }

            throw new ArgumentException($"{paramName["request.".Length..]} must contain only characters XML can carry; the character at index {i} is U+{(int)c:X4}.", paramName);
        }
    }
}
