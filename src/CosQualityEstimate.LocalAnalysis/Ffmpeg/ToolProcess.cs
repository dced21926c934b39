using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>Starts ffmpeg/ffprobe with an argument list (no shell), reads both pipes concurrently, and kills the
/// process tree on cancellation.</summary>
internal static class ToolProcess
{
    /// <summary>Builds the start info: argument list, both pipes redirected, no window, optional working directory.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Starts the process; a missing executable becomes <see cref="FfmpegNotFoundException"/>.</summary>
    public static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new FfmpegNotFoundException($"{info.FileName} could not be started; {FfmpegNotFoundException.InstallHint}");
        }
        catch (Win32Exception e)
        {
            throw new FfmpegNotFoundException($"{info.FileName} could not be started ({e.Message}); {FfmpegNotFoundException.InstallHint}", e);
        }
    }

    /// <summary>Kills the process and its children, ignoring a process that has already exited.</summary>
    public static void KillTree(Process process)
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
            // Exited meanwhile.
        }
        catch (Win32Exception)
        {
            // Exiting; nothing left to kill.
        }
    }

    /// <summary>Runs a short command to completion and returns its exit code and both outputs as text.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(StartInfo(fileName, arguments));
        using var registration = cancellationToken.Register(static p => KillTree((Process)p!), process);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
