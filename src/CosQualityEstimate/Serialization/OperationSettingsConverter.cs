using System.Globalization;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Maps the validated <see cref="OperationSettings"/> of a job submit or a batch create to their wire values, once for
/// both (a job writes them at <c>Request/Operation</c> and <c>Request</c>, a batch all under <c>Request/Operation</c>);
/// absent options are omitted so the service applies its defaults.
/// </summary>
internal static class OperationSettingsConverter
{
    /// <param name="settings">The validated settings.</param>
    /// <param name="userData">The <c>UserData</c> to send (the settings' own, or with the client-token marker appended).</param>
    internal static OperationSettingsXml ToWire(in OperationSettings settings, string? userData)
    {
        var hasConfig = settings.Rotate is not null || settings.Mode is not null;
        var hasOperation = hasConfig || userData is not null || settings.JobLevel is not null;
        return new OperationSettingsXml(
            hasOperation ? new JobOperationXml
            {
                QualityEstimateConfig = hasConfig ? new QualityEstimateConfigXml
                {
                    Rotate = settings.Rotate?.ToString(CultureInfo.InvariantCulture),
                    Mode = settings.Mode is QualityEstimateMode mode ? WireEnum.ToWire(mode) : null,
                } : null,
                UserData = userData,
                JobLevel = settings.JobLevel?.ToString(CultureInfo.InvariantCulture),
            } : null,
            settings.CallbackUrl,
            settings.CallbackFormat is CallbackFormat format ? WireEnum.ToWire(format) : null,
            settings.CallbackType is CallbackType type ? WireEnum.ToWire(type) : null,
            settings.CallbackMqConfig is { } mq ? new CallBackMqConfigXml { MqRegion = mq.Region, MqMode = mq.Mode, MqName = mq.Name } : null,
            settings.QueueId);
    }
}

/// <summary>The wire values of <see cref="OperationSettings"/>: the <c>Operation</c> part (config, UserData, JobLevel), the callback elements and <c>QueueId</c>.</summary>
internal readonly record struct OperationSettingsXml(
    JobOperationXml? Operation,
    string? CallBack,
    string? CallBackFormat,
    string? CallBackType,
    CallBackMqConfigXml? CallBackMqConfig,
    string? QueueId);
