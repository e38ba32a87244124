using Microsoft.Extensions.Logging;

namespace StoreSales.Edge.Tests.Infrastructure;

/// <summary>Sends the agent's logs to the running test's output (shown when a test fails), and to <paramref name="lines"/> when given.</summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper? output, System.Collections.Concurrent.ConcurrentQueue<string>? lines = null) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, lines, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper? output, System.Collections.Concurrent.ConcurrentQueue<string>? lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines?.Enqueue($"{logLevel} {formatter(state, exception)}");
            try
            {
                output?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; a background service logged late.
            }
        }
    }
}
