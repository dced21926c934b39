using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// estimate/submit check every argument before anything is uploaded or submitted: directories, invalid object keys and
/// two local files that would land on the same key exit 2 with one stderr line and nothing sent.
/// </summary>
public sealed class EstimateInputChecksTests : IAsyncLifetime
{
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Dictionary<string, string?> Env => CliRun.EnvFor(_emulator);

    [Fact]
    public async Task Two_local_files_with_the_same_name_are_refused_before_anything_is_uploaded()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a"));
        Directory.CreateDirectory(dir.File("b"));
        File.WriteAllText(dir.File("a/ep1.mp4"), "first episode");
        File.WriteAllText(dir.File("b/ep1.mp4"), "a different episode");
        var store = new FakeObjectStore();

        var result = await CliRun.RunAsync(Env, ["estimate", "a/ep1.mp4", "b/ep1.mp4", "--poll-interval", "20ms"], objects: store, directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: a/ep1.mp4 and b/ep1.mp4 would both be estimated as \"cosqe-uploads/ep1.mp4\"", line, StringComparison.Ordinal);
        Assert.Empty(store.Uploads);
        Assert.Equal(0, _emulator.SubmittedJobCount);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_local_file_and_an_object_key_that_name_the_same_key_are_refused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ep1.mp4"), "local episode");
        var store = new FakeObjectStore();

        var result = await CliRun.RunAsync(Env, ["estimate", "cosqe-uploads/ep1.mp4", "ep1.mp4"], objects: store, directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cosqe-uploads/ep1.mp4 and ep1.mp4 would both be estimated", Assert.Single(result.ErrorLines));
        Assert.Empty(store.Uploads);
        Assert.Equal(0, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task The_same_local_file_twice_is_not_a_conflict()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ep1.mp4"), "local episode");

        var result = await CliRun.RunAsync(Env, ["estimate", "ep1.mp4", "./ep1.mp4", "--poll-interval", "20ms"], directory: dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task The_result_line_of_an_uploaded_file_names_the_local_path()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a"));
        File.WriteAllText(dir.File("a/ep1.mp4"), "first episode");

        var result = await CliRun.RunAsync(Env, ["estimate", "a/ep1.mp4", "input/demo.mp4", "--poll-interval", "20ms"], directory: dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^cosqe-uploads/ep1\.mp4: SIMULATED score \d+\.\d / 10 .* \(job j[0-9a-f]+\) \(local file a/ep1\.mp4\)\r?$", result.Out);
        Assert.Matches(@"(?m)^input/demo\.mp4: SIMULATED score .*\(job j[0-9a-f]+\)\r?$", result.Out); // a key, not a file: nothing added
    }

    [Fact]
    public async Task A_directory_argument_exits_2_and_sends_nothing()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("videos"));
        var store = new FakeObjectStore();

        var result = await CliRun.RunAsync(Env, ["estimate", "videos"], objects: store, directory: dir.Path);
        var absolute = await CliRun.RunAsync(Env, ["estimate", dir.Path], objects: store, directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("cosqe: videos is a directory; pass video files or object keys.", Assert.Single(result.ErrorLines));
        Assert.True(absolute.ExitCode == 2, absolute.ToString());
        Assert.Equal($"cosqe: {dir.Path} is a directory; pass video files or object keys.", Assert.Single(absolute.ErrorLines));
        Assert.Empty(store.Uploads);
        Assert.Equal(0, _emulator.SubmittedJobCount);
    }

    public static TheoryData<string, string> BadKeys => new()
    {
        { "/lead.mp4", "must not start with '/'" },
        { "../x.mp4", "\"..\" path segment" },
        { "videos/./x.mp4", "\"..\" path segment" },
        { "videos//x.mp4", "empty" },
        { "line\nbreak.mp4", "control characters" },
        { "tab\t.mp4", "control characters" },
        { "", "must not be empty" },
        { new string('k', 851), "851 bytes of UTF-8" },
        { new string('视', 284), "852 bytes of UTF-8" },
    };

    /// <summary>The invalid keys that are not written like a local path (those get "no such file", below).</summary>
    public static TheoryData<string, string> BadKeysNotLikeAPath
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var row in BadKeys)
            {
                if (!Commands.EstimateCommand.LooksLikeLocalPath((string)row[0]))
                {
                    data.Add((string)row[0], (string)row[1]);
                }
            }

            return data;
        }
    }

    [Theory]
    [InlineData("/data/clips/sub/cup.mp4", " (for example data/clips/sub/cup.mp4)")]
    [InlineData("./clips/cup.mp4", " (for example clips/cup.mp4)")]
    [InlineData("../x.mp4", " (for example x.mp4)")]
    [InlineData("~/clips/cup.mp4", " (for example clips/cup.mp4)")]
    [InlineData("/lead.mp4", " (for example lead.mp4)")]
    [InlineData("C:\\clips\\cup.mp4", "")]
    public async Task Estimate_of_a_local_looking_path_that_does_not_exist_says_no_such_file_and_how_to_pass_a_key(string path, string example)
    {
        using var dir = new TempDir();
        var result = await CliRun.RunAsync(Env, ["estimate", "good.mp4", path], directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            $"cosqe: {path}: no such file. To estimate an object already in the bucket, pass its key without a leading '/', './' or '~'{example}.",
            Assert.Single(result.ErrorLines));
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(0, _emulator.SubmittedJobCount); // not even the valid first key
    }

    [Theory]
    [MemberData(nameof(BadKeysNotLikeAPath))]
    public async Task Estimate_refuses_an_invalid_object_key_before_any_request(string key, string reason)
    {
        using var dir = new TempDir();
        var result = await CliRun.RunAsync(Env, ["estimate", "good.mp4", key], directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: invalid object key \"", line, StringComparison.Ordinal);
        Assert.Contains(reason, line);
        Assert.Equal(0, _emulator.SubmittedJobCount); // not even the valid first key
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Submit_refuses_an_invalid_object_key_before_any_request(string key, string reason)
    {
        using var dir = new TempDir();
        var result = await CliRun.RunAsync(Env, ["submit", "good.mp4", key], directory: dir.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(reason, Assert.Single(result.ErrorLines));
        Assert.Equal(0, _emulator.SubmittedJobCount);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_key_of_exactly_850_bytes_is_accepted()
    {
        var key = new string('k', 850);
        var result = await CliRun.RunAsync(Env, ["submit", key]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(key, Assert.Single(EmulatorJobs.Snapshot(_emulator)).Key);
    }
}
