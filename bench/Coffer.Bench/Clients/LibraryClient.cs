using System.Text.Json;
using Coffer.Bench.Harness;
using Coffer.Client.Owner;
using Coffer.Client.Recipients;
using Coffer.Client.State;
using Coffer.Contracts.Accounts;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Links;

namespace Coffer.Bench.Clients;

/// <summary>
/// <c>client put|get|push|get-link</c>: the owner and recipient transfers done by Coffer.Client in their own process, the way the
/// CLI does them (same library calls), for when the CLI is not built. Secrets come from environment variables, not arguments.
/// </summary>
internal static class LibraryClient
{
    public const string TokenVariable = "COFFER_BENCH_TOKEN";
    public const string AccountKeyVariable = "COFFER_BENCH_ACCOUNT_KEY";
    public const string LinkVariable = "COFFER_BENCH_LINK";
    public const string SessionVariable = "COFFER_BENCH_LINK_SESSION";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var server = options.String("--server") ?? throw new ArgumentException("--server is required");
        var state = new StateDirectory(options.String("--state", Path.Combine(BenchPaths.Work, "client-state")));
        using var http = BenchOwner.Http(server);
        switch (args.FirstOrDefault())
        {
            case "put":
            {
                var owner = Owner(http, options, state);
                var result = await owner.PutFileAsync(options.String("--file") ?? throw new ArgumentException("--file is required"), folderId: null);
                Console.WriteLine(JsonSerializer.Serialize(new { fileId = result.File.Id, version = result.Version.Number }));
                return 0;
            }

            case "get":
            {
                var owner = Owner(http, options, state);
                var name = options.String("--name") ?? throw new ArgumentException("--name is required");
                var file = (await owner.ListFilesAsync()).First(f => f.Name == name);
                var version = (await owner.ListVersionsAsync(file.File)).First();
                await owner.DownloadAsync(file.File, version, options.String("--output"), overwrite: true);
                return 0;
            }

            case "push":
            {
                var recipient = Recipient(http, state);
                var result = await recipient.PushAsync(options.String("--file") ?? throw new ArgumentException("--file is required"));
                Console.WriteLine(JsonSerializer.Serialize(new { version = result.Commit.Version.Number }));
                return 0;
            }

            case "get-link":
            {
                var recipient = Recipient(http, state);
                await recipient.DownloadAsync(null, options.String("--output"), overwrite: true);
                return 0;
            }

            default:
                Console.Error.WriteLine("usage: client put|get|push|get-link --server URL [--file F] [--name N] [--output O] [--state DIR]");
                return 2;
        }
    }

    private static OwnerSession Owner(HttpClient http, Options options, StateDirectory state)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable) ?? throw new ArgumentException(TokenVariable + " is required");
        var key = Base64Url.Decode(Environment.GetEnvironmentVariable(AccountKeyVariable) ?? throw new ArgumentException(AccountKeyVariable + " is required"));
        var account = new AccountDto(
            Guid.Parse(options.String("--account-id") ?? throw new ArgumentException("--account-id is required")),
            options.String("--email") ?? throw new ArgumentException("--email is required"),
            "", new PlanLimitsDto(null, false, 0), new KdfParameters("", 0, ""), "", null);
        return new OwnerSession(new OwnerApi(http, token), key, account, state);
    }

    private static RecipientSession Recipient(HttpClient http, StateDirectory state)
    {
        var url = Environment.GetEnvironmentVariable(LinkVariable) ?? throw new ArgumentException(LinkVariable + " is required");
        if (!LinkUrl.TryParse(url, out var address))
            throw new ArgumentException("not a link URL");
        return new RecipientSession(http, address, state, Environment.GetEnvironmentVariable(SessionVariable));
    }
}
