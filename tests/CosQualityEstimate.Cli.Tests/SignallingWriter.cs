namespace CosQualityEstimate.Cli.Tests;

/// <summary>A writer that completes <see cref="Seen"/> with the first line starting with a prefix.</summary>
internal sealed class SignallingWriter(string prefix) : StringWriter
{
    private readonly System.Text.StringBuilder _line = new();

    public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Write(char value)
    {
        base.Write(value);
        if (value == '\n')
        {
            var line = _line.ToString().TrimEnd('\r');
            _line.Clear();
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                Seen.TrySetResult(line);
            }
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }
}
