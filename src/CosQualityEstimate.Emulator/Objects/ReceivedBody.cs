using CosQualityEstimate.Emulator.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>A request body stored to a content file by <see cref="ObjectBodyReceiver"/>, or the error response that refused it.</summary>
/// <param name="Error">The error to answer with; <see langword="null"/> when the body was received and kept.</param>
internal sealed record ReceivedBody(EmulatorResponse? Error)
{
    /// <summary>The content file holding the body.</summary>
    internal string? Path { get; init; }

    /// <summary>The body's length in bytes.</summary>
    internal long Size { get; init; }

    /// <summary>The body's MD5 digest.</summary>
    internal byte[]? Md5 { get; init; }
}
