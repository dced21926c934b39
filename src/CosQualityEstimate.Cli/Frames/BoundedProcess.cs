using System.ComponentModel;
using System.Diagnostics;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Runs one short tool process (ffmpeg, ffprobe; an argument list, no shell) with bounds: its standard output is read
/// up to <c>maxOutput</c> bytes (more kills it), it is killed after <c>timeout</c>, and its standard error is drained and
/// dropped. A tool that cannot be started, exits non-zero, runs over or writes too much gives <see langword="null"/>.
/// </summary>
internal static class BoundedProcess
{
    /// <summary>Runs <paramref name="fileName"/>; its standard output, or <see langword="null"/> (see the type).</summary>
    public static async Task<byte[]?> RunAsync(string fileName, IReadOnlyList<string> arguments, int maxOutput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(timeout);
            using var registration = bounded.Token.Register(static p => Kill((Process)p!), process);
            var drain = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            var tooMuch = false;
            try
            {
                int read;
                while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
                {
                    if (output.Length + read > maxOutput)
                    {
                        tooMuch = true;
                        Kill(process);
                        break;
                    }

                    output.Write(buffer, 0, read);
                }

                await drain.ConfigureAwait(false);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return tooMuch || bounded.IsCancellationRequested || process.ExitCode != 0 ? null : output.ToArray();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (Win32Exception)
        {
        }
    }
}
