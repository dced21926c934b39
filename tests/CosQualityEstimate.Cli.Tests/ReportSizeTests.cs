using System.Diagnostics;
using CosQualityEstimate.Cli.Journal;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// The report's size budget (issue 25): a synthetic catalog of 10,000 analysed videos, each with five findings and its
/// facts, the worst 100 with a poster and six finding frames of 14 KB each (real 320-px frames of real footage are 6–12 KB),
/// reported by <c>cosqe report</c> with the defaults, stays under 10 MB.
/// </summary>
public sealed class ReportSizeTests : IDisposable
{
    private const int Videos = 10_000;
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;

    public ReportSizeTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_10000_video_catalog_with_frames_reports_under_10_MB()
    {
        var journal = _dir.File("catalog.db");
        Build(journal);

        var html = _dir.File("catalog.html");
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["report", "--journal", journal, "--out", html], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var size = new FileInfo(html).Length;
        var text = await File.ReadAllTextAsync(html);
        var images = System.Text.RegularExpressions.Regex.Matches(text, "<img class=\"frame-img\"").Count;
        var dataStart = text.IndexOf("<script type=\"application/json\" id=\"data\">", StringComparison.Ordinal);
        var data = text.IndexOf("</script>", dataStart, StringComparison.Ordinal) - dataStart;
        var frames = System.Text.RegularExpressions.Regex.Matches(text, "src=\"data:[^\"]*\"").Sum(m => (long)m.Length);
        var line = $"10,000-video report: {size:N0} bytes: {images} frames embedded ({frames:N0} chars), all-videos data {data:N0} chars";
        _output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(size < 10_000_000, $"report is {size:N0} bytes");
        Assert.True(images >= 250, $"only {images} frames embedded"); // 14 KB frames: about 260 fit the 5 MB frame budget
        Assert.Contains($"<div class=\"value\">{Videos}</div>", text, StringComparison.Ordinal);
    }

    private static void Build(string path)
    {
        // The journal's own tables, filled in bulk (one transaction; synchronous off: a fixture, not a run).
        using (var file = JournalFile.Open(path, JournalKind.Analysis, create: true, TimeProvider.System))
        {
            JournalFrames.Open(file);
            JournalMedia.Open(file);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        var random = new Random(25);
        var frame = new byte[14 * 1024];
        random.NextBytes(frame);
        string[] types = ["Blur", "Noise", "HighVoice", "Mosaic", "LowLighting"];
        for (var i = 0; i < Videos; i++)
        {
            var key = $"/srv/media/catalog/season{i / 500:00}/episode-{i:00000}-final-master.mp4";
            var score = 2 + (8.0 * i / Videos);
            var findings = string.Join(',', Enumerable.Range(0, 5).Select(k =>
                $"{{\"type\":\"{types[k]}\",\"start\":{k * 5 + 0.37},\"end\":{k * 5 + 2.87},\"confidence\":{50 + k * 9}}}"));
            Insert(connection, transaction, "INSERT INTO keys(key, state, score, findings, updated) VALUES ($1, 'Success', $2, $3, '2026-12-07T00:00:00Z');",
                key, score, "{\"format\":2,\"source\":\"local-analysis\",\"mode\":\"vqaPlus\",\"noAudio\":false,\"noVideo\":false,\"findings\":[" + findings + "]}");
            Insert(connection, transaction, "INSERT INTO media(key, duration, width, height, video_codec, fps, audio_tracks, container, notes, added) VALUES ($1, 29.6, 1920, 1080, 'h264', 25, 1, 'mov,mp4,m4a,3gp,3g2,mj2', $2, '2026-12-07T00:00:00Z');",
                key, "[\"Jitter not checked: this ffmpeg has no vidstabdetect filter (it was built without libvidstab).\"]");
            if (i < 100)
            {
                Insert(connection, transaction, "INSERT INTO frames VALUES ($1, 'poster', 5920, 5.92, 320, 180, 'image/jpeg', 'ffmpeg', $2, '2026-12-07T00:00:00Z');", key, frame);
                for (var k = 0; k < 5; k++)
                {
                    Insert(connection, transaction, "INSERT INTO frames VALUES ($1, 'finding', $2, $3, 320, 180, 'image/jpeg', 'ffmpeg', $4, '2026-12-07T00:00:00Z');",
                        key, (long)Math.Round(((k * 5) + 1.62) * 1000), (k * 5) + 1.62, frame);
                }
            }
        }

        transaction.Commit();
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }

        command.ExecuteNonQuery();
    }
}
