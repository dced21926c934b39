using System.Security.Cryptography;
using System.Text.Json;
using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>cosqe upload: the library's uploader under a prefix, skipped when unchanged, nothing submitted (issue 24).</summary>
public sealed class UploadCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    private string Write(string relative, int size, int seed)
    {
        var path = _dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private Task<CliResult> Upload(params string[] args) => CliRun.RunAsync(CliRun.EnvFor(_emulator), ["upload", .. args], directory: _dir.Path);

    private byte[] Stored(string key)
    {
        using var stream = _emulator.OpenObject(key) ?? throw new InvalidOperationException("no object " + key);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Files_and_a_directory_tree_land_under_the_prefix_with_key_size_etag_and_no_job_is_submitted()
    {
        Write("clips/a.mp4", 1000, 1);
        Write("clips/sub/b.mov", 2000, 2);
        Write("clips/notes.txt", 10, 3); // not a video: a directory walk skips it
        Write("single.mkv", 3000, 4);

        var result = await Upload("clips", "single.mkv", "--prefix", "season1", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["season1/a.mp4", "season1/sub/b.mov", "season1/single.mkv"], rows.Select(r => r.GetProperty("key").GetString()));
        Assert.Equal([1000L, 2000L, 3000L], rows.Select(r => r.GetProperty("size").GetInt64()));
        Assert.All(rows, r => Assert.False(r.GetProperty("skipped").GetBoolean()));
        var expectedETag = "\"" + Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(_dir.File("single.mkv")))) + "\"";
        Assert.Equal(expectedETag, rows[2].GetProperty("etag").GetString());
        Assert.Equal(File.ReadAllBytes(_dir.File("clips/sub/b.mov")), Stored("season1/sub/b.mov"));
        Assert.Equal(3, _emulator.ObjectCount);
        Assert.Equal(0, _emulator.SubmittedJobCount); // uploads never submit (or bill) a job
        Assert.Contains("no job was submitted", result.Error, StringComparison.Ordinal);
        Assert.Contains("cosqe batch --server-side --journal <run.db> --prefix season1/", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerun_skips_what_is_already_there_and_uploads_what_changed()
    {
        Write("clips/a.mp4", 1000, 1);
        Write("clips/b.mp4", 1000, 2);
        var first = await Upload("clips", "--prefix", "p/");
        Write("clips/b.mp4", 1000, 99); // changed content, same size
        var writes = _emulator.ObjectWriteCount;

        var again = await Upload("clips", "--prefix", "p/", "-o", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        var rows = JsonDocument.Parse(again.Out).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        Assert.True(rows["p/a.mp4"].GetProperty("skipped").GetBoolean());
        Assert.False(rows["p/b.mp4"].GetProperty("skipped").GetBoolean());
        Assert.Equal(writes + 1, _emulator.ObjectWriteCount);
        Assert.Equal(File.ReadAllBytes(_dir.File("clips/b.mp4")), Stored("p/b.mp4"));
        Assert.Contains("1 uploaded, 1 skipped", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_output_is_one_line_per_file_and_no_progress_when_not_on_a_terminal()
    {
        Write("a.mp4", 2_500_000, 5);

        var result = await Upload("a.mp4", "--prefix", "big", "--part-size-mb", "1", "--concurrency", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^uploaded  big/a\.mp4  2500000 bytes  ETag ""[0-9a-f]{32}-3""\r?$", line); // three 1 MiB parts
        Assert.DoesNotContain("uploading:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Error);
    }

    [Fact]
    public async Task On_a_terminal_progress_is_redrawn_on_stderr()
    {
        Write("a.mp4", 2_500_000, 6);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost
        {
            Out = TextWriter.Synchronized(stdout),
            Error = TextWriter.Synchronized(stderr),
            GetEnvironmentVariable = name => CliRun.EnvFor(_emulator).TryGetValue(name, out var v) ? v : null,
            IsInteractive = true,
            CurrentDirectory = _dir.Path,
        };

        var code = await CliApp.RunAsync(["upload", "a.mp4", "--prefix", "t/", "--part-size-mb", "1"], host);

        Assert.Equal(0, code);
        Assert.Contains("\r\u001b[2Kuploading: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("1/1 file(s) done", stderr.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("uploaded  t/a.mp4", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_files_for_one_key_and_a_missing_prefix_are_usage_errors_and_nothing_is_sent()
    {
        Write("a/ep1.mp4", 10, 1);
        Write("b/ep1.mp4", 10, 2);

        var clash = await Upload("a/ep1.mp4", "b/ep1.mp4", "--prefix", "p/");
        var noPrefix = await Upload("a/ep1.mp4");
        var missing = await Upload("nope.mp4", "--prefix", "p/");

        Assert.True(clash.ExitCode == 2, clash.ToString());
        Assert.Equal("cosqe: a/ep1.mp4 and b/ep1.mp4 would both be uploaded as \"p/ep1.mp4\" (one would overwrite the other); upload them separately with different --prefix values.", Assert.Single(clash.ErrorLines));
        Assert.True(noPrefix.ExitCode == 2, noPrefix.ToString());
        Assert.Contains("--prefix", Assert.Single(noPrefix.ErrorLines), StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Equal("cosqe: nope.mp4: no such file or directory.", Assert.Single(missing.ErrorLines));
        Assert.Equal(0, _emulator.ObjectCount);
    }
}
