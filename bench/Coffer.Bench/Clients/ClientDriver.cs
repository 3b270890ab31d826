using Coffer.Bench.Harness;
using Coffer.Client.Owner;
using Coffer.Client.Recipients;
using Coffer.Client.State;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Links;

namespace Coffer.Bench.Clients;

/// <summary>Runs Coffer's client transfers as separate processes: the <c>coffer</c> CLI, or the library driver when the CLI is not built.</summary>
internal abstract class ClientDriver(string serverAddress, string stateDirectory)
{
    protected string Server { get; } = serverAddress;

    protected string State { get; } = stateDirectory;

    public abstract string Description { get; }

    /// <summary>Makes the client process act as this (already confirmed) owner.</summary>
    public abstract Task LoginOwnerAsync(OwnerSession session, string email);

    public abstract Task<ChildResult> PutAsync(string file);

    /// <summary>Downloads the latest version of the owner's file called <paramref name="name"/> to <paramref name="output"/>.</summary>
    public abstract Task<ChildResult> GetAsync(string name, string output);

    /// <summary>Verifies <paramref name="email"/> on the link (code read from the outbox) so later pushes and gets have a session.</summary>
    public abstract Task OpenLinkAsync(string linkUrl, string email, DevOutbox outbox);

    public abstract Task<ChildResult> PushAsync(string linkUrl, string file);

    public abstract Task<ChildResult> GetLinkAsync(string linkUrl, string output);

    /// <summary>The CLI when it builds and has the transfer commands, else the library driver.</summary>
    public static async Task<ClientDriver> ChooseAsync(string preference, string serverAddress, string stateDirectory, bool rebuild = true)
    {
        if (preference != "library" && await Builds.CliAsync(rebuild) is { } cli && await CliDriver.LooksCompleteAsync(cli))
            return new CliDriver(cli, serverAddress, stateDirectory);
        if (preference == "cli")
            throw new InvalidOperationException("The coffer CLI is not built or lacks the put/get/push commands.");
        Console.WriteLine("using the Coffer.Client library driver (bench `client` subcommand) instead of the CLI");
        return new LibraryDriver(serverAddress, stateDirectory);
    }
}

/// <summary>The <c>coffer</c> CLI (Release build), with its own config directory.</summary>
internal sealed class CliDriver(string cliDll, string serverAddress, string stateDirectory) : ClientDriver(serverAddress, stateDirectory)
{
    public override string Description => "coffer CLI (Release, published for this machine with ReadyToRun as `dotnet pack` ships it, run as `dotnet coffer.dll …`)";

    public static async Task<bool> LooksCompleteAsync(string cliDll)
    {
        var help = await ChildProcess.RunAsync("dotnet", [cliDll, "--help"], timeout: TimeSpan.FromSeconds(30));
        var text = help.Stdout + help.Stderr;
        return new[] { "put", "get", "push", "open", "login" }.All(c => text.Contains(c, StringComparison.Ordinal));
    }

    private Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["COFFER_CONFIG_DIR"] = State,
            ["COFFER_SERVER"] = Server,
            ["NO_COLOR"] = "1",
        };
        foreach (var (key, value) in extra ?? [])
            environment[key] = value;
        // For profiling only (e.g. DOTNET_PerfMapEnabled=1): KEY=VALUE pairs separated by ';'.
        foreach (var pair in (System.Environment.GetEnvironmentVariable("COFFER_BENCH_CLIENT_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            environment[pair.Split('=', 2)[0]] = pair.Split('=', 2)[1];
        return environment;
    }

    private Task<ChildResult> Coffer(IEnumerable<string> arguments, Dictionary<string, string>? extra = null, Func<System.Diagnostics.Process, Task>? whileRunning = null)
    {
        // For profiling only: a command put in front of `dotnet coffer.dll …` (e.g. "perf record -g -o /tmp/cli.data --").
        var prefix = (System.Environment.GetEnvironmentVariable("COFFER_BENCH_CLIENT_PREFIX") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return prefix.Length == 0
            ? ChildProcess.RunAsync("dotnet", [cliDll, .. arguments], Environment(extra), workingDirectory: State, whileRunning: whileRunning)
            : ChildProcess.RunAsync(prefix[0], [.. prefix[1..], "dotnet", cliDll, .. arguments], Environment(extra), workingDirectory: State, whileRunning: whileRunning);
    }

    public override async Task LoginOwnerAsync(OwnerSession session, string email) =>
        (await Coffer(["login", email], new() { ["COFFER_PASSWORD"] = BenchOwner.Password })).EnsureSuccess("coffer login");

    public override async Task<ChildResult> PutAsync(string file) => (await Coffer(["put", file])).EnsureSuccess("coffer put");

    public override async Task<ChildResult> GetAsync(string name, string output)
    {
        File.Delete(output);
        return (await Coffer(["get", name, "-o", output, "--force"])).EnsureSuccess("coffer get");
    }

    public override async Task OpenLinkAsync(string linkUrl, string email, DevOutbox outbox)
    {
        var before = await outbox.LatestIdAsync(email);
        (await Coffer(["open", linkUrl, "--email", email], whileRunning: async process =>
        {
            // The CLI asks for the mailed code on stdin (no terminal): hand it the code as soon as it arrives.
            var (code, _) = await outbox.WaitForCodeAsync(email, before);
            await process.StandardInput.WriteLineAsync(code);
            process.StandardInput.Close();
        })).EnsureSuccess("coffer open");
    }

    public override async Task<ChildResult> PushAsync(string linkUrl, string file) => (await Coffer(["push", linkUrl, file])).EnsureSuccess("coffer push");

    public override async Task<ChildResult> GetLinkAsync(string linkUrl, string output)
    {
        File.Delete(output);
        return (await Coffer(["get", linkUrl, "-o", output, "--force"])).EnsureSuccess("coffer get (link)");
    }
}

/// <summary>The bench's <c>client</c> subcommand: the same Coffer.Client calls as the CLI, in a separate process.</summary>
internal sealed class LibraryDriver(string serverAddress, string stateDirectory) : ClientDriver(serverAddress, stateDirectory)
{
    private readonly Dictionary<string, string> ownerEnvironment = [];
    private readonly Dictionary<string, string> linkSessions = [];
    private string accountId = "";
    private string email = "";

    public override string Description => "Coffer.Client library driver (bench `client` subcommand, one process per transfer; the CLI was not available)";

    public override Task LoginOwnerAsync(OwnerSession session, string email)
    {
        ownerEnvironment[LibraryClient.TokenVariable] = session.Api.BearerToken ?? throw new InvalidOperationException("no token");
        ownerEnvironment[LibraryClient.AccountKeyVariable] = Base64Url.Encode(session.AccountKey);
        accountId = session.Account.Id.ToString("D");
        this.email = email;
        return Task.CompletedTask;
    }

    private Task<ChildResult> Client(IEnumerable<string> arguments, Dictionary<string, string> environment) =>
        ChildProcess.RunAsync("dotnet", [Builds.BenchDll, "client", .. arguments, "--server", Server, "--state", State], environment, workingDirectory: State);

    public override async Task<ChildResult> PutAsync(string file) =>
        (await Client(["put", "--file", file, "--account-id", accountId, "--email", email], ownerEnvironment)).EnsureSuccess("client put");

    public override async Task<ChildResult> GetAsync(string name, string output) =>
        (await Client(["get", "--name", name, "--output", output, "--account-id", accountId, "--email", email], ownerEnvironment)).EnsureSuccess("client get");

    public override async Task OpenLinkAsync(string linkUrl, string email, DevOutbox outbox)
    {
        if (!LinkUrl.TryParse(linkUrl, out var address))
            throw new ArgumentException("not a link URL");
        using var http = BenchOwner.Http(Server);
        var recipient = new RecipientSession(http, address, new StateDirectory(State));
        var before = await outbox.LatestIdAsync(email);
        await recipient.OpenAsync(email, async ct => (await outbox.WaitForCodeAsync(email, before, ct)).Code);
        linkSessions[linkUrl] = recipient.Api.SessionToken ?? throw new InvalidOperationException("no session token");
    }

    private Dictionary<string, string> LinkEnvironment(string linkUrl) => new()
    {
        [LibraryClient.LinkVariable] = linkUrl,
        [LibraryClient.SessionVariable] = linkSessions[linkUrl],
    };

    public override async Task<ChildResult> PushAsync(string linkUrl, string file) =>
        (await Client(["push", "--file", file], LinkEnvironment(linkUrl))).EnsureSuccess("client push");

    public override async Task<ChildResult> GetLinkAsync(string linkUrl, string output) =>
        (await Client(["get-link", "--output", output], LinkEnvironment(linkUrl))).EnsureSuccess("client get-link");
}
