namespace CosQualityEstimate.Models;

/// <summary>Kind of problem reported in vqaPlus mode (<c>DetailedResult/Type</c>).</summary>
public enum QualityIssueType
{
    /// <summary>A type this library does not know (sent by a newer service); see <see cref="DetailedResult.RawType"/>.</summary>
    Unknown = 0,

    /// <summary><c>Jitter</c>: shaking picture.</summary>
    Jitter,

    /// <summary><c>Blur</c>: blurry picture.</summary>
    Blur,

    /// <summary><c>LowLighting</c>: too dark.</summary>
    LowLighting,

    /// <summary><c>HighLighting</c>: overexposed.</summary>
    HighLighting,

    /// <summary><c>CrashScreen</c>: screen glitch.</summary>
    CrashScreen,

    /// <summary><c>BlackWhiteEdge</c>: black or white borders.</summary>
    BlackWhiteEdge,

    /// <summary><c>SolidColorScreen</c>: solid colour screen.</summary>
    SolidColorScreen,

    /// <summary><c>Noise</c>: noisy picture.</summary>
    Noise,

    /// <summary><c>Mosaic</c>: mosaic artefacts.</summary>
    Mosaic,

    /// <summary><c>QRCode</c>: a QR code is visible.</summary>
    QRCode,

    /// <summary><c>AppletCode</c>: a mini-program code is visible.</summary>
    AppletCode,

    /// <summary><c>BarCode</c>: a barcode is visible.</summary>
    BarCode,

    /// <summary><c>LowVoice</c>: audio too quiet.</summary>
    LowVoice,

    /// <summary><c>HighVoice</c>: audio distortion.</summary>
    HighVoice,

    /// <summary><c>NoVoice</c>: mute audio.</summary>
    NoVoice,

    /// <summary><c>LowEvaluation</c>: no-reference score below threshold.</summary>
    LowEvaluation,
}
