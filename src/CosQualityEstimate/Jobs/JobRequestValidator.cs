using System.Xml;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Checks a <see cref="QualityEstimateJobRequest"/> against the service's documented rules before anything is sent: its
/// input object and client token here, what it shares with a batch create in <see cref="OperationSettingsValidator"/>.
/// Every failure is an <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field
/// (for example <c>request.UserData</c>) and whose message states the rule.
/// </summary>
internal static class JobRequestValidator
{
    /// <summary>The service's limit on <c>UserData</c>.</summary>
    internal const int MaxUserDataLength = OperationSettingsValidator.MaxUserDataLength;

    internal static void Validate(QualityEstimateJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (string.IsNullOrWhiteSpace(request.ObjectKey))
        {
            throw new ArgumentException("Input/Object (ObjectKey) must be a non-empty object key, for example \"input/demo.mp4\".", "request.ObjectKey");
        }

        ValidateXmlText(request.ObjectKey, "request.ObjectKey");
        OperationSettingsValidator.Validate(OperationSettings.Of(request), "request.");
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

    /// <summary>
    /// Rejects characters an XML document cannot carry (controls other than TAB, LF and CR, U+FFFE, U+FFFF, unpaired
    /// surrogates), which would otherwise fail only while the body is written.
    /// </summary>
    internal static void ValidateXmlText(string? value, string paramName)
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
