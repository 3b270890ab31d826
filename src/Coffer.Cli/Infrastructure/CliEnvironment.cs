using System.Net;
using System.Text.Json;
using Coffer.Client.Owner;
using Coffer.Client.State;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Links;
using Spectre.Console;

namespace Coffer.Cli.Infrastructure;

/// <summary>What every command needs: the chosen server, output mode, consoles, the state directory, config and HTTP clients.</summary>
public sealed class CliEnvironment
{
    public const string DefaultServer = "http://localhost:5240";

    /// <summary>The --json options: the default encoder writes control, bidi and all other non-ASCII characters as \u escapes.</summary>
    internal static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public CliEnvironment(string? serverOption, bool json)
    {
        State = StateDirectory.FromEnvironment();
        Config = CliConfig.Load(State);
        Json = json;
        ServerOption = serverOption;
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Redirected output is for scripts and logs: no wrapping at an imaginary 80 columns.
        if (Console.IsOutputRedirected)
            Out.Profile.Width = 400;
        if (Console.IsErrorRedirected)
            Err.Profile.Width = 400;
    }

    public StateDirectory State { get; }

    public CliConfig Config { get; set; }

    public bool Json { get; }

    private string? ServerOption { get; }

    /// <summary>Results (tables, JSON, the link URL) go here.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress, prompts and messages go here, so stdout stays clean for scripts.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>True when progress should be drawn as live bars (a terminal on stderr, no --json).</summary>
    public bool LiveProgress => !Json && !Console.IsErrorRedirected;

    /// <summary>--server, else COFFER_SERVER, else the server of the saved login, else the saved default, else localhost.</summary>
    public string Server
    {
        get
        {
            var server = ServerOption ?? Environment.GetEnvironmentVariable("COFFER_SERVER") ?? Config.Owner?.Server ?? Config.Server ?? DefaultServer;
            return Uri.TryCreate(server, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? server.TrimEnd('/')
                : throw new CliException(ExitCodes.Usage, $"--server must be an http(s) URL, got \"{server}\".");
        }
    }

    public HttpClient CreateHttp(string server)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("coffer-cli/" + (typeof(CliEnvironment).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"));
        return http;
    }

    /// <summary>The saved owner session, or exit code 2 telling the user to log in.</summary>
    public OwnerSession RequireOwner()
    {
        var login = Config.Owner ?? throw new CliException(ExitCodes.Auth, "Not logged in: run `coffer login EMAIL` first.");
        if (ServerOption is { } chosen && !string.Equals(chosen.TrimEnd('/'), login.Server, StringComparison.OrdinalIgnoreCase))
            throw new CliException(ExitCodes.Auth, $"You are logged in at {login.Server}, not {chosen}: run `coffer login` there.");
        var api = new OwnerApi(CreateHttp(login.Server), login.Token);
        var account = new Coffer.Contracts.Accounts.AccountDto(login.AccountId, login.Email, "", new Coffer.Contracts.Accounts.PlanLimitsDto(null, false, 0), new Coffer.Contracts.Accounts.KdfParameters("", 0, ""), "", null);
        return new OwnerSession(api, Base64Url.Decode(login.AccountKey), account, State);
    }

    /// <summary>Parses a share URL (never printing it: it holds the secret).</summary>
    public static LinkAddress ParseLink(string url) =>
        LinkUrl.TryParse(url, out var address)
            ? address
            : throw new CliException(ExitCodes.Usage, "That is not a Coffer link (https://host/l/{id}#{secret}); copy the whole link, fragment included.");

    public static bool LooksLikeLink(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public void SaveConfig() => Config.Save(State);

    public void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOutput));

    /// <summary>
    /// A message on stderr (not with --json). Values in <paramref name="markup"/> go through <see cref="TerminalText.ForMarkup"/>;
    /// the whole line is made safe again, so a value that missed it still cannot reach the terminal raw.
    /// </summary>
    public void Info(string markup)
    {
        if (!Json)
            Err.MarkupLine(TerminalText.Safe(markup));
    }
}
