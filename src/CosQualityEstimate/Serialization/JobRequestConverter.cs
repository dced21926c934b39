using System.Globalization;
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
        var hasConfig = request.Rotate is not null || request.Mode is not null;
        var hasOperation = hasConfig || userData is not null || request.JobLevel is not null;

        return new JobRequestXml
        {
            Tag = QualityEstimateTag,
            Input = new JobInputXml { Object = request.ObjectKey },
            Operation = hasOperation ? new JobOperationXml
            {
                QualityEstimateConfig = hasConfig ? new QualityEstimateConfigXml
                {
                    Rotate = request.Rotate?.ToString(CultureInfo.InvariantCulture),
                    Mode = request.Mode is QualityEstimateMode mode ? WireEnum.ToWire(mode) : null,
                } : null,
                UserData = userData,
                JobLevel = request.JobLevel?.ToString(CultureInfo.InvariantCulture),
            } : null,
            CallBack = request.CallbackUrl,
            CallBackFormat = request.CallbackFormat is CallbackFormat format ? WireEnum.ToWire(format) : null,
            CallBackType = request.CallbackType is CallbackType type ? WireEnum.ToWire(type) : null,
            CallBackMqConfig = request.CallbackMqConfig is { } mq ? new CallBackMqConfigXml
            {
                MqRegion = mq.Region,
                MqMode = mq.Mode,
                MqName = mq.Name,
            } : null,
        };
    }
}
