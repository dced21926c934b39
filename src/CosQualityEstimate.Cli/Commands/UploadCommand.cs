using System.CommandLine;
using System.Globalization;
using CosQualityEstimate.Cli.Analysis;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// <c>cosqe upload &lt;file-or-dir&gt;... --prefix &lt;p&gt;</c>: puts local videos into the bucket and submits nothing (no job,
/// no bill), so that <c>batch --server-side --prefix &lt;p&gt;</c> can estimate them. It is the library's uploader
/// (<see cref="ObjectsClient.UploadFileAsync"/>): one PUT up to the multipart threshold, a resumable multipart upload
/// above it (an interrupted or killed run resumes from the parts already stored), and a file whose content is already
/// under its key is skipped.
/// </summary>
internal static class UploadCommand
{
    public static Command Create(CliHost host)
    {
        var inputs = new Argument<string[]>("file-or-dir") { Description = "Files, or directories walked for video files (the extensions of cosqe analyze); a directory keeps its tree under the prefix.", Arity = ArgumentArity.OneOrMore };
        var prefix = new Option<string>("--prefix") { Description = "Key prefix in the bucket, e.g. season1/ (a '/' is added when missing): a file becomes <prefix><name>, a file in a directory <prefix><path below the directory>.", Required = true, HelpName = "p" };
        var concurrency = new Option<int>("--concurrency") { Description = "Files uploaded at once (1-64; a large file also sends up to 4 parts at once).", DefaultValueFactory = _ => 4, HelpName = "N" };
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
            {
                r.AddError("invalid --concurrency: use 1 to 64.");
            }
        });
        var partSize = new Option<int?>("--part-size-mb") { Description = "Multipart part size in MiB (1-5120); a file larger than one part is uploaded in parts. Default: files over 32 MiB in 8 MiB parts. Rerun with the same value to resume or skip.", HelpName = "MiB" };
        partSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 5120)
            {
                r.AddError("invalid --part-size-mb: use 1 to 5120.");
            }
        });
        var command = new Command("upload", "Upload local files to the bucket (resumable, skipped when the same content is already there) without submitting any job; then cosqe batch --server-side --prefix <p> estimates them.")
        {
            inputs, prefix, concurrency, partSize,
        };
        command.SetAction(CommandActions.Action(host, context => RunAsync(host, context, context.Parse.GetValue(inputs)!, context.Parse.GetValue(prefix)!, context.Parse.GetValue(concurrency), context.Parse.GetValue(partSize))));
        return command;
    }

    /// <summary>One file to upload: the argument it came from, its full path and its key.</summary>
    internal sealed record UploadItem(string Shown, string FullPath, string Key);

    /// <summary>One file's outcome.</summary>
    internal sealed record UploadOutcome(UploadItem Item, ObjectUploadResult Result);

    private static async Task<int> RunAsync(CliHost host, CommandContext context, string[] inputs, string prefix, int concurrency, int? partSizeMb)
    {
        // Every argument and key is checked before anything is sent (exit 2).
        var items = Plan(host, inputs, prefix);
        Action<ObjectsClientOptions>? configure = partSizeMb is { } mb
            ? options =>
            {
                options.PartSize = mb * 1024L * 1024;
                options.MultipartThreshold = options.PartSize;
            }
            : null;
        await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel, configure).ConfigureAwait(false);
        var objects = connection.Client.Objects;

        var interactive = host.IsInteractive && !context.Json;
        var progress = new UploadProgressLine(context.Error, items.Count, items.Sum(i => new FileInfo(i.FullPath).Length), interactive);
        var outcomes = new UploadOutcome?[items.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancel);
        using var gate = new SemaphoreSlim(concurrency);
        Exception? failure = null;
        var tasks = items.Select(async (item, index) =>
        {
            await gate.WaitAsync(stop.Token).ConfigureAwait(false);
            try
            {
                var options = new UploadFileOptions { SkipIfUnchanged = true, ResumeMultipartUpload = true, Progress = progress.For(index) };
                var result = await objects.UploadFileAsync(item.FullPath, item.Key, options, stop.Token).ConfigureAwait(false);
                outcomes[index] = new UploadOutcome(item, result);
                progress.Done(index, result.Size);
                if (!context.Json)
                {
                    await progress.WriteAboveAsync(context.Out, Line(new UploadOutcome(item, result))).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested || context.Cancel.IsCancellationRequested)
            {
                // The first failure stops the others (each stops at a consistent point: a multipart upload stays resumable).
                Interlocked.CompareExchange(ref failure, ex, null);
                await stop.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped because another file failed.
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        try
        {
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
        }
        finally
        {
            await progress.ClearAsync().ConfigureAwait(false);
        }

        var done = outcomes.Where(o => o is not null).Select(o => o!).ToList();
        if (context.Json)
        {
            // What was uploaded before a failure is real: it reaches stdout either way.
            await context.Out.WriteLineAsync(JobJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var outcome in done)
                {
                    w.WriteStartObject();
                    w.WriteString("key", outcome.Item.Key);
                    w.WriteString("file", outcome.Item.Shown);
                    w.WriteNumber("size", outcome.Result.Size);
                    w.WriteString("etag", outcome.Result.ETag);
                    w.WriteBoolean("skipped", outcome.Result.Unchanged);
                    w.WriteNumber("parts", outcome.Result.PartCount);
                    w.WriteNumber("resumedParts", outcome.Result.ResumedPartCount);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            })).ConfigureAwait(false);
        }

        await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (failure is not null || context.Cancel.IsCancellationRequested)
        {
            if (context.Cancel.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync($"cosqe: interrupted after {done.Count} of {items.Count} file(s); rerun the same command to continue (finished files are skipped, an unfinished multipart upload resumes).").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }

            if (done.Count > 0)
            {
                await context.Error.WriteLineAsync($"cosqe: {done.Count} of {items.Count} file(s) were uploaded before the failure below; rerun the same command to continue (they are skipped).").ConfigureAwait(false);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure!).Throw();
        }

        var skipped = done.Count(o => o.Result.Unchanged);
        var normalized = NormalizePrefix(prefix);
        await context.Error.WriteLineAsync(
            $"cosqe: {done.Count - skipped} uploaded, {skipped} skipped (already there, same content); no job was submitted. Estimate them with: cosqe batch --server-side --journal <run.db> --prefix {JobText.Sanitize(normalized)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The text line of one file (stdout).</summary>
    internal static string Line(UploadOutcome outcome)
    {
        var key = JobText.Sanitize(outcome.Item.Key);
        var result = outcome.Result;
        if (result.Unchanged)
        {
            return string.Create(CultureInfo.InvariantCulture, $"skipped   {key}  {result.Size} bytes  ETag {JobText.Sanitize(result.ETag)}  (already there, same content)");
        }

        var resumed = result.ResumedPartCount > 0 ? string.Create(CultureInfo.InvariantCulture, $"  (resumed: {result.ResumedPartCount} of {result.PartCount} parts were already there)") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"uploaded  {key}  {result.Size} bytes  ETag {JobText.Sanitize(result.ETag)}{resumed}");
    }

    /// <summary>A prefix names a folder: a '/' is added when it is missing (an empty prefix stays empty: the bucket's root).</summary>
    internal static string NormalizePrefix(string prefix) => prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    /// <summary>
    /// The files and their keys: a file argument becomes prefix + its name; a directory is walked like <c>analyze</c> walks
    /// it and each file keeps its path below the directory. Every key must be one COS accepts, and two different files
    /// must not land on one key (exit 2, before anything is sent).
    /// </summary>
    internal static List<UploadItem> Plan(CliHost host, IReadOnlyList<string> inputs, string prefix)
    {
        prefix = NormalizePrefix(prefix);
        var items = new List<UploadItem>();
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input, host.CurrentDirectory);
            var files = VideoFiles.Expand([input], host.CurrentDirectory);
            if (Directory.Exists(full) && files.Count == 0)
            {
                throw new CliUsageException($"no video files found in {JobText.Sanitize(input)} (extensions: {string.Join(' ', VideoFiles.Extensions)}).");
            }

            foreach (var file in files)
            {
                var fileFull = Path.GetFullPath(file, host.CurrentDirectory);
                var relative = Directory.Exists(full) ? Path.GetRelativePath(full, fileFull) : Path.GetFileName(fileFull);
                var key = prefix + relative.Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/');
                if (ObjectKeyValidator.GetProblem(key, forUpload: true) is { } problem)
                {
                    throw new CliUsageException($"{JobText.Sanitize(file)} cannot be uploaded as \"{JobText.Sanitize(key)}\": {char.ToLowerInvariant(problem[0])}{problem[1..]}");
                }

                items.Add(new UploadItem(file, fileFull, key));
            }
        }

        var byKey = new Dictionary<string, UploadItem>(StringComparer.Ordinal);
        var unique = new List<UploadItem>();
        foreach (var item in items)
        {
            if (byKey.TryGetValue(item.Key, out var earlier))
            {
                if (!string.Equals(earlier.FullPath, item.FullPath, StringComparison.Ordinal))
                {
                    throw new CliUsageException(
                        $"{JobText.Sanitize(earlier.Shown)} and {JobText.Sanitize(item.Shown)} would both be uploaded as \"{JobText.Sanitize(item.Key)}\" (one would overwrite the other); upload them separately with different --prefix values.");
                }

                continue; // the same file named twice is uploaded once
            }

            byKey.Add(item.Key, item);
            unique.Add(item);
        }

        return unique;
    }

    /// <summary>
    /// The progress line on a terminal (stderr, redrawn; nothing when redirected): files done, bytes sent of all bytes.
    /// Result lines printed meanwhile go above it.
    /// </summary>
    private sealed class UploadProgressLine
    {
        private readonly TextWriter _error;
        private readonly int _files;
        private readonly long _totalBytes;
        private readonly bool _enabled;
        private readonly long[] _sent;
        private readonly object _gate = new();
        private int _done;

        public UploadProgressLine(TextWriter error, int files, long totalBytes, bool enabled)
        {
            _error = error;
            _files = files;
            _totalBytes = totalBytes;
            _enabled = enabled;
            _sent = new long[files];
        }

        public IProgress<UploadProgress>? For(int index) => _enabled ? new Reporter(this, index) : null;

        public void Done(int index, long size)
        {
            lock (_gate)
            {
                _sent[index] = size;
                _done++;
                Draw();
            }
        }

        public async Task WriteAboveAsync(TextWriter output, string line)
        {
            lock (_gate)
            {
                if (_enabled)
                {
                    _error.Write("\r\u001b[2K");
                }

                output.WriteLine(line);
                output.Flush();
                Draw();
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }

        public async Task ClearAsync()
        {
            if (_enabled)
            {
                lock (_gate)
                {
                    _error.Write("\r\u001b[2K");
                    _error.Flush();
                }
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }

        private void Update(int index, long sent)
        {
            lock (_gate)
            {
                _sent[index] = Math.Max(_sent[index], sent);
                Draw();
            }
        }

        private void Draw()
        {
            if (!_enabled)
            {
                return;
            }

            var sent = _sent.Sum();
            _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[2Kuploading: {_done}/{_files} file(s) done, {sent / 1048576.0:0.0} of {_totalBytes / 1048576.0:0.0} MiB"));
            _error.Flush();
        }

        private sealed class Reporter(UploadProgressLine line, int index) : IProgress<UploadProgress>
        {
            public void Report(UploadProgress value) => line.Update(index, value.BytesTransferred);
        }
    }
}
