using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coffer.Web.Tests.Infrastructure;

/// <summary>
/// Runs the real Coffer server (the built Coffer.Server.dll, as `dotnet run` would) on 127.0.0.1 and a free port, with its data
/// (SQLite, blobs, mail outbox) in a temporary directory, for end-to-end browser tests.
/// </summary>
public sealed class CofferServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private CofferServerProcess(Process process, StringBuilder output, Uri address, string dataDirectory)
    {
        _process = process;
        _output = output;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>What the server printed so far (the development mail outbox logs there too).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the server and waits until <c>/api/health</c> answers 200; extra settings go in as configuration (e.g. "Plans:Default").</summary>
    public static async Task<CofferServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        var dll = Path.Combine(RepositoryPaths.ServerProjectDirectory, "bin", RepositoryPaths.Configuration, "net10.0", "Coffer.Server.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build src/Coffer.Server ({RepositoryPaths.Configuration}) first.");
        RepositoryPaths.RequireBuiltWebApp();

        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("coffer-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.ServerProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(RepositoryPaths.ServerProjectDirectory);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Coffer server.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new CofferServerProcess(process, output, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        try
        {
            await server.WaitUntilHealthyAsync(timeout ?? TimeSpan.FromSeconds(120));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing must not fail the test; the temp directory is cleaned by the OS.
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        // No per-request timeout: the first request (migrations, JIT) can be slow on a busy machine; the overall deadline rules.
        using var http = new HttpClient { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The Coffer server exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative), cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                await Task.Delay(100, cts.Token);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
                await Task.Delay(100, CancellationToken.None);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"The Coffer server did not become healthy within {timeout}:\n{Output}");
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
