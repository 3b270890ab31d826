using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.TestHost;

/// <summary>The real server (Program) over a fresh data directory and SQLite file, with a fake clock and captured logs; one per test class.</summary>
public class CofferAppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public CofferAppFactory()
        : this(NewRoot())
    {
    }

    /// <summary>A server over an existing directory: a second factory on the same <paramref name="root"/> is the same server restarted.</summary>
    protected CofferAppFactory(string root)
    {
        Root = root;
        Directory.CreateDirectory(WebRoot);
        File.WriteAllText(Path.Combine(WebRoot, "index.html"), "<!doctype html><title>Coffer test app</title>");
    }

    public static string NewRoot() => Path.Combine(Path.GetTempPath(), "coffer-tests", Guid.NewGuid().ToString("N"));

    public string Root { get; }

    /// <summary>Leaves the data directory on disposal, for a restart test's next factory (which then deletes it).</summary>
    public bool KeepDataOnDispose { get; set; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string WebRoot => Path.Combine(Root, "wwwroot");

    public FakeTimeProvider Time { get; } = new(Start);

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Settings layered over appsettings.json; subclasses add or change some.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Storage:DataDirectory"] = DataDirectory,
        ["Accounts:AuthKeyHashIterations"] = "100000",
        ["RateLimits:PerIpPerMinute"] = "100000",
        ["RateLimits:PerEmailPerMinute"] = "100000",
    };

    protected virtual string Environment => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            // The real wwwroot holds whatever the web build produced; tests serve their own index.html.
            services.Configure<StaticFileOptions>(options => options.FileProvider = new PhysicalFileProvider(WebRoot));
        });
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepDataOnDispose)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment on some systems; the temp dir is cleaned by the OS.
            }
        }
    }
}

/// <summary>Keeps every formatted log line (with exceptions) so tests can check that no secret is logged.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
