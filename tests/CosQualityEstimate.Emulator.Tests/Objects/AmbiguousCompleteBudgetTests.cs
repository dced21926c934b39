using CosQualityEstimate.Emulator.Faults;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Emulator.Tests.Objects;

/// <summary>
/// Complete Multipart Upload follows the one "verify before resending an ambiguous POST" rule a job submit follows, with
/// that rule's own resend budget (3), not the HTTP retry count: a client configured with no HTTP retries still resends a
/// Complete that provably did not happen (the upload is still open), and stops after three resends.
/// </summary>
public sealed class AmbiguousCompleteBudgetTests : IDisposable
{
    private const int MB = 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-complete-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CreateFile(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = Path.Combine(_directory, "f.mp4");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ObjectsClient NoRetriesClient(CosEmulator emulator, TimeProvider time) => new(new ObjectsClientOptions
    {
        Bucket = emulator.Bucket,
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        Credential = emulator.Credential,
        TimeProvider = time,
        MultipartThreshold = 2 * MB,
        PartSize = MB,
        Retry = new ObjectsRetryOptions { MaxRetries = 0, AttemptTimeout = Timeout.InfiniteTimeSpan },
    });

    [Fact]
    public async Task CompleteFailsAmbiguouslyWhileUploadStillOpen_ResentUnderItsOwnBudgetEvenWithNoHttpRetries()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var path = CreateFile((2 * MB) + 7);
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "POST")); // Initiate
        emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError", methodFilter: "POST")); // Complete, not processed

        var result = await NoRetriesClient(emulator, time).UploadFileAsync(path, "videos/f.mp4");

        Assert.Equal(3, result.PartCount);
        Assert.Equal(1, emulator.ObjectWriteCount);
        Assert.Equal(0, emulator.Faults.PendingCount);
    }

    [Fact]
    public async Task CompleteFailsAmbiguouslyEveryTime_StopsAfterThreeResends()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var path = CreateFile((2 * MB) + 7);
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "POST")); // Initiate
        for (var i = 0; i < 5; i++)
        {
            emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError", methodFilter: "POST"));
        }

        var error = await Assert.ThrowsAsync<CosServiceException>(() => NoRetriesClient(emulator, time).UploadFileAsync(path, "videos/f.mp4"));

        Assert.Equal(500, error.Status);
        Assert.Equal(1, emulator.Faults.PendingCount); // 1 Complete + 3 resends took four of the five faults
        Assert.Equal(0, emulator.ObjectWriteCount);
    }
}
