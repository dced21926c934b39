using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>
/// Simulated results (made up, marked <c>ResultSource</c> = <c>simulated</c>), deterministic and derived from the object key only (FNV-1a 64-bit hash of its UTF-8 bytes): the same key always
/// gets the same score (3.0 to 9.9, one decimal, invariant culture), the same vqaPlus findings and the same MediaInfo.
/// </summary>
internal static class JobResultFactory
{
    /// <summary>The DetailedResult types the service documents.</summary>
    internal static readonly string[] IssueTypes =
    {
        "Jitter", "Blur", "LowLighting", "HighLighting", "CrashScreen", "BlackWhiteEdge", "SolidColorScreen", "Noise",
        "Mosaic", "QRCode", "AppletCode", "BarCode", "LowVoice", "HighVoice", "NoVoice", "LowEvaluation",
    };

    /// <summary>The score for <paramref name="objectKey"/>, as the service formats it (e.g. <c>8.6</c>).</summary>
    internal static string Score(string objectKey)
    {
        var tenths = 30 + (int)(Hash(objectKey) % 70UL); // 30..99
        return (tenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>The full simulated result for a Success job: score, plus VqaPlusResult in vqaPlus mode, marked
    /// <see cref="ResultSources.Simulated"/>.</summary>
    internal static QualityEstimateXml Result(string objectKey, string mode)
    {
        var result = new QualityEstimateXml { Score = Score(objectKey), ResultSource = ResultSources.Simulated };
        if (mode == "vqaPlus")
        {
            result.VqaPlusResult = VqaPlus(objectKey);
        }

        return result;
    }

    /// <summary>1 to 3 distinct issue types, each with 1 or 2 items.</summary>
    internal static VqaPlusResultXml VqaPlus(string objectKey)
    {
        var rng = new SplitMix(Hash(objectKey));
        var vqa = new VqaPlusResultXml { NoAudio = "false", NoVideo = "false" };
        var typeCount = 1 + (int)(rng.Next() % 3);
        var first = (int)(rng.Next() % (ulong)IssueTypes.Length);
        for (var t = 0; t < typeCount; t++)
        {
            var detail = new DetailedResultXml { Type = IssueTypes[(first + (t * 5)) % IssueTypes.Length] };
            var itemCount = 1 + (int)(rng.Next() % 2);
            for (var i = 0; i < itemCount; i++)
            {
                var startTenths = (int)(rng.Next() % 80);
                var lengthTenths = 5 + (int)(rng.Next() % 20);
                var item = new DetailedResultItemXml
                {
                    Confidence = (50 + (int)(rng.Next() % 50)).ToString(CultureInfo.InvariantCulture),
                    StartTimeOffset = (startTenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture),
                    EndTimeOffset = ((startTenths + lengthTenths) / 10.0).ToString("0.0", CultureInfo.InvariantCulture),
                };
                var x = (int)(rng.Next() % 640);
                var y = (int)(rng.Next() % 360);
                item.AreaCoordSet.Add(x.ToString(CultureInfo.InvariantCulture));
                item.AreaCoordSet.Add(y.ToString(CultureInfo.InvariantCulture));
                item.AreaCoordSet.Add((x + 640).ToString(CultureInfo.InvariantCulture));
                item.AreaCoordSet.Add((y + 360).ToString(CultureInfo.InvariantCulture));
                detail.Items.Add(item);
            }

            vqa.DetailedResult.Add(detail);
        }

        return vqa;
    }

    /// <summary>A small, fixed-shape MediaInfo element with CI's element names (duration and size vary with the key).</summary>
    internal static XElement MediaInfo(string objectKey)
    {
        var hash = Hash(objectKey);
        var duration = (10 + (int)(hash % 290)).ToString(CultureInfo.InvariantCulture) + ".000000";
        var size = (1_000_000 + (long)(hash % 50_000_000)).ToString(CultureInfo.InvariantCulture);
        return new XElement(
            "MediaInfo",
            new XElement(
                "Format",
                new XElement("Duration", duration),
                new XElement("FormatName", "mov,mp4,m4a,3gp,3g2,mj2"),
                new XElement("NumStream", "2"),
                new XElement("Size", size)),
            new XElement(
                "Stream",
                new XElement(
                    "Video",
                    new XElement("Index", "0"),
                    new XElement("CodecName", "h264"),
                    new XElement("Width", "1280"),
                    new XElement("Height", "720"),
                    new XElement("Fps", "25")),
                new XElement(
                    "Audio",
                    new XElement("Index", "1"),
                    new XElement("CodecName", "aac"),
                    new XElement("SampleRate", "44100"),
                    new XElement("Channel", "2"))));
    }

    /// <summary>FNV-1a 64-bit over UTF-8: stable across processes and platforms (unlike string.GetHashCode).</summary>
    internal static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A tiny deterministic generator seeded by the key hash.</summary>
    private struct SplitMix
    {
        private ulong _state;

        internal SplitMix(ulong seed) => _state = seed;

        internal ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
