using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Emulator.Tests.Resilience;

/// <summary>Keeps every log event of the client (event id and formatted message), for asserting attempts and retries.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
{
    private readonly List<(int EventId, string Message)> _events = new();

    internal IReadOnlyList<(int EventId, string Message)> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Number of events with <paramref name="eventId"/> whose message contains <paramref name="text"/>.</summary>
    internal int Count(int eventId, string text = "") => Events.Count(e => e.EventId == eventId && e.Message.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    IDisposable? ILogger.BeginScope<TState>(TState state) => null;

    bool ILogger.IsEnabled(LogLevel logLevel) => true;

    void ILogger.Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add((eventId.Id, formatter(state, exception)));
        }
    }
}
