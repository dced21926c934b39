using CosQualityEstimate.Cli.Commands;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe snapshot</c>: a local file's frame by ffmpeg, an object's by GetSnapshot (the emulator's placeholder, or its
/// real frame when it analyses objects), and every bad input refused with one stderr line, exit 2, nothing written.
/// </summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A 4 s clip, red for 2 s then blue, 320x180.</summary>
    private string RedThenBlue() => ColourClips.RedThenBlue(_dir.File("rb.mp4"), "320x180");

    private static (int R, int G, int B) Centre(string picture, int width, int height) => ColourClips.Centre(picture, width, height);

    private static Dictionary<string, string?> NoService() => new();

    [Fact]
    public async Task LocalFile_WritesTheFrameAtThatTime()
    {
        var clip = RedThenBlue();

        var red = await CliRun.RunAsync(NoService(), ["snapshot", "rb.mp4", "--at", "0.5", "-o", "red.png", "--width", "160"], directory: _dir.Path);
        var blue = await CliRun.RunAsync(NoService(), ["snapshot", clip, "--at", "3", "-o", "blue.jpg"], directory: _dir.Path);

        Assert.True(red.ExitCode == 0, red.ToString());
        Assert.True(blue.ExitCode == 0, blue.ToString());
        Assert.StartsWith("wrote red.png: 160x90 image/png, ", red.Out, StringComparison.Ordinal);
        Assert.Contains("rb.mp4 at 0.5 s (local file, ffmpeg)", red.Out, StringComparison.Ordinal);
        Assert.StartsWith("wrote blue.jpg: 320x180 image/jpeg, ", blue.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, red.Error);
        Assert.Equal((160, 90), SnapshotCommand.PictureSize(File.ReadAllBytes(_dir.File("red.png"))));
        var (r, _, b) = Centre(_dir.File("red.png"), 160, 90);
        Assert.True(r > 200 && b < 60, $"red frame: r={r} b={b}");
        (r, _, b) = Centre(_dir.File("blue.jpg"), 320, 180);
        Assert.True(b > 200 && r < 60, $"blue frame: r={r} b={b}");
        Assert.Equal(["blue.jpg", "rb.mp4", "red.png"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // no temporary file left
    }

    [Fact]
    public async Task LocalFile_KeyframeMode_AndJsonOutput()
    {
        RedThenBlue();

        var result = await CliRun.RunAsync(NoService(), ["snapshot", "rb.mp4", "--at", "1.5", "--mode", "keyframe", "--rotate", "off", "-o", "k.jpg", "--output", "json"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.Equal("file", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("image/jpeg", json.RootElement.GetProperty("contentType").GetString());
        Assert.Equal(320, json.RootElement.GetProperty("width").GetInt32());
        Assert.False(json.RootElement.GetProperty("simulated").GetBoolean());
        Assert.True(File.Exists(_dir.File("k.jpg")));
    }

    [Fact]
    public async Task ObjectKey_InTheHermeticEmulator_IsItsPlaceholderSaidToBeSimulated()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();
        File.WriteAllText(_dir.File("bytes.mp4"), "not a video");
        using (var client = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential }))
        {
            await client.Objects.UploadFileAsync(_dir.File("bytes.mp4"), "videos/a.mp4");
        }

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["snapshot", "videos/a.mp4", "--at", "2", "-o", "frame.jpg", "--width", "320", "--height", "180"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("wrote frame.jpg: 320x180 image/jpeg, ", result.Out, StringComparison.Ordinal);
        Assert.Contains("videos/a.mp4 at 2 s (SIMULATED placeholder from the emulator", result.Out, StringComparison.Ordinal);
        Assert.Equal((320, 180), SnapshotCommand.PictureSize(File.ReadAllBytes(_dir.File("frame.jpg"))));
    }

    [Fact]
    public async Task ObjectKey_InAnAnalysingEmulator_IsTheVideosFrameByGetSnapshot()
    {
        var clip = RedThenBlue();
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { LocalAnalysis = true });
        using (var client = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential }))
        {
            await client.Objects.UploadFileAsync(clip, "videos/rb.mp4");
        }

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["snapshot", "videos/rb.mp4", "--at", "3", "-o", "frame.png"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("videos/rb.mp4 at 3 s (GetSnapshot, billed per call by CI)", result.Out, StringComparison.Ordinal);
        var (r, _, b) = Centre(_dir.File("frame.png"), 320, 180);
        Assert.True(b > 200 && r < 60, $"blue frame: r={r} b={b}");
    }

    [Fact]
    public async Task ObjectKey_Missing_IsTheServicesNoSuchKey_Exit3()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["snapshot", "videos/none.mp4", "--at", "1", "-o", "frame.jpg"], directory: _dir.Path);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: the service refused: ", line, StringComparison.Ordinal);
        Assert.Contains("NoSuchKey", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("frame.jpg")));
    }

    [Fact]
    public async Task LocalFile_NotAVideo_IsExit1WithOneLine()
    {
        File.WriteAllText(_dir.File("notes.mp4"), "meeting notes, not a video\n");

        var result = await CliRun.RunAsync(NoService(), ["snapshot", "notes.mp4", "--at", "0", "-o", "frame.jpg"], directory: _dir.Path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: no frame of notes.mp4 [MediaUnreadable]: ", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.False(File.Exists(_dir.File("frame.jpg")));
    }

    [Fact]
    public void ATransportFailureOfGetSnapshot_NamesTheObjectEndpoint()
    {
        var endpoints = new ServiceEndpoints(new Uri("http://ci.example/"), new Uri("http://cos.example/"));

        Assert.Equal(new Uri("http://cos.example/"), endpoints.For("GetSnapshot"));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["snapshot", "rb.mp4", "--at", "-1", "-o", "f.jpg"], "cosqe: invalid --at \"-1\": use a number of seconds, at least 0 (for example 23.5)." },
        { ["snapshot", "rb.mp4", "--at", "ten", "-o", "f.jpg"], "cosqe: invalid --at \"ten\": use a number of seconds, at least 0 (for example 23.5)." },
        { ["snapshot", "rb.mp4", "--at", "NaN", "-o", "f.jpg"], "cosqe: invalid --at \"NaN\": use a number of seconds, at least 0 (for example 23.5)." },
        { ["snapshot", "rb.mp4", "--at", "9", "-o", "f.jpg"], "cosqe: invalid --at 9: the time 9 s is past the end of 'rb.mp4' (4 s)." },
        { ["snapshot", "./nope.mp4", "--at", "1", "-o", "f.jpg"], "cosqe: ./nope.mp4: no such file. For a frame of an object in the bucket, pass its key without a leading '/', './' or '~' (for example nope.mp4)." },
        { ["snapshot", "sub", "--at", "1", "-o", "f.jpg"], "cosqe: sub is a directory; name one video file." },
        { ["snapshot", "videos/", "--at", "1", "-o", "f.jpg"], "cosqe: videos/ is neither a local file nor a valid object key: the object key ends with '/', which names a folder, not a file." },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "sub"], "cosqe: -o sub is a directory; name the picture file to write (for example frame.jpg)." },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "missing/f.jpg"], "" },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "f.jpg", "--format", "gif"], "cosqe: invalid --format \"gif\": use jpg or png." },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "f.png", "--format", "jpg"], "cosqe: -o f.png names a PNG file but --format is jpg; make them agree." },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "f.jpg", "--width", "-2"], "cosqe: invalid --width -2: use 0 (keep the video's size) or more pixels." },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "f.jpg", "--mode", "anyframe"], "cosqe: invalid --mode \"anyframe\": use exactframe or keyframe." },
        { ["snapshot", "rb.mp4", "--at", "1", "-o", "f.jpg", "--rotate", "90"], "cosqe: invalid --rotate \"90\": use auto or off." },
        { ["snapshot", "rb.mp4", "-o", "f.jpg"], "" },
        { ["snapshot", "rb.mp4", "--at", "1"], "" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_IsOneStderrLine_Exit2_NothingWritten(string[] args, string expected)
    {
        RedThenBlue();
        Directory.CreateDirectory(_dir.File("sub"));
        var before = Directory.GetFileSystemEntries(_dir.Path).Order(StringComparer.Ordinal).ToList();

        var result = await CliRun.RunAsync(NoService(), args, directory: _dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: ", line, StringComparison.Ordinal);
        if (expected.Length > 0)
        {
            Assert.Equal(expected, line);
        }

        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(before, Directory.GetFileSystemEntries(_dir.Path).Order(StringComparer.Ordinal).ToList());
    }
}
