using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Coffer.Cli.Tests.Infrastructure;

/// <summary>The real Coffer server as a separate process on a free 127.0.0.1 port with a temporary data directory and the dev outbox.</summary>
public sealed partial class ServerProcess : IAsyncLifetime
{
    private readonly StringBuilder log = new();
    private Process? process;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "coffer-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string BaseAddress { get; private set; } = "";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
                return log.ToString();
        }
    }

    public string UploadsDirectory => Path.Combine(DataDirectory, "uploads");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var port = FreePort();
        BaseAddress = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.ServerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.ServerDll);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = DataDirectory;
        start.Environment["Mail__DevelopmentOutbox"] = "true";
        start.Environment["RateLimits__PerIpPerMinute"] = "10000";
        start.Environment["RateLimits__PerEmailPerMinute"] = "1000";
        start.Environment["Recipients__PerIpPerMinute"] = "10000";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException("The server exited at start:\n" + Log);
            try
            {
                using var response = await Http.GetAsync(BaseAddress + "/api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                throw new TimeoutException("The server did not become healthy:\n" + Log);
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the newest mail to <paramref name="to"/> newer than <paramref name="afterId"/> and returns the code it carries.</summary>
    public async Task<string> WaitForCodeAsync(string to, long afterId = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var mails = await Http.GetFromJsonAsync<List<OutboxMail>>($"{BaseAddress}/dev/outbox.json?to={Uri.EscapeDataString(to)}") ?? [];
            var mail = mails.Where(m => m.Id > afterId).OrderByDescending(m => m.Id).FirstOrDefault(m => CodePattern().IsMatch(m.Text));
            if (mail is not null)
                return CodePattern().Match(mail.Text).Groups[1].Value;
            await Task.Delay(100);
        }

        throw new TimeoutException("No code was mailed to " + to);
    }

    public async Task<long> LatestMailIdAsync(string to)
    {
        var mails = await Http.GetFromJsonAsync<List<OutboxMail>>($"{BaseAddress}/dev/outbox.json?to={Uri.EscapeDataString(to)}") ?? [];
        return mails.Count == 0 ? 0 : mails.Max(m => m.Id);
    }

    /// <summary>How many uploads the server holds (complete or not): entries of its upload staging directory.</summary>
    public int UploadCount() =>
        Directory.Exists(UploadsDirectory) ? Directory.EnumerateFileSystemEntries(UploadsDirectory).Count() : 0;

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying server; the temp directory is cleaned by the OS eventually.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.AppendLine(line);
    }

    [GeneratedRegex(@"\bcode\b[^\n]*?\bis ([A-Za-z0-9]{4,12})\b")]
    private static partial Regex CodePattern();

    private sealed record OutboxMail(long Id, string To, string Subject, string Text);
}
