using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>Maps a validated <see cref="QualityEstimateJobRequest"/> to its wire form; absent options are omitted so the service applies its defaults.</summary>
internal static class JobRequestConverter
{
    internal const string QualityEstimateTag = "QualityEstimate";

    /// <param name="request">The validated request.</param>
    /// <param name="clientToken">The client token to append to UserData, or <c>null</c>.</param>
    internal static JobRequestXml ToWire(QualityEstimateJobRequest request, string? clientToken = null)
    {
        var userData = clientToken is null ? request.UserData : ClientToken.Append(request.UserData, clientToken);
        var settings = OperationSettingsConverter.ToWire(OperationSettings.Of(request), userData);
        return new JobRequestXml
        {
            Tag = QualityEstimateTag,
            Input = new JobInputXml { Object = request.ObjectKey },
            Operation = settings.Operation,
            CallBack = settings.CallBack,
            CallBackFormat = settings.CallBackFormat,
            CallBackType = settings.CallBackType,
            CallBackMqConfig = settings.CallBackMqConfig,
        };
    }
}
