using Coffer.Client.Owner;
using Coffer.Client.State;

namespace Coffer.Bench.Harness;

/// <summary>Registers, confirms (code from the outbox) and logs in an owner through Coffer.Client.</summary>
internal static class BenchOwner
{
    public const string Password = "bench-password-not-secret";

    public static async Task<OwnerSession> CreateAsync(HttpClient http, string baseAddress, string email, string stateDirectory)
    {
        var api = new OwnerApi(http);
        await OwnerSession.RegisterAsync(api, email, Password);
        var (code, _) = await new DevOutbox(http, baseAddress).WaitForCodeAsync(email);
        await api.ConfirmAsync(email, code);
        return await OwnerSession.LoginAsync(api, email, Password, new StateDirectory(stateDirectory));
    }

    public static HttpClient Http(string baseAddress) => new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = new Uri(baseAddress.TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromMinutes(30),
    };
}
