using Coffer.Bench.Harness;
using Coffer.Client.Owner;
using Coffer.Client.Recipients;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Links;

namespace Coffer.Bench.Recipients;

/// <summary>A cooperative link to a file with a few versions, and <c>count</c> recipients verified on it (codes from the outbox).</summary>
internal sealed record RecipientFixture(string LinkId, string LinkTokenHeader, IReadOnlyList<string> SessionTokens, IReadOnlyList<(int Number, long Length)> Versions, int CodeRequestsRepeated)
{
    public static async Task<RecipientFixture> CreateAsync(CofferServer server, string work, int recipients, int versions, long fileBytes)
    {
        using var http = BenchOwner.Http(server.BaseAddress);
        var owner = await BenchOwner.CreateAsync(http, server.BaseAddress, "bench-load-owner@example.com", Path.Combine(work, "owner-state"));
        var path = Path.Combine(work, "shared.bin");
        for (var v = 0; v < versions; v++)
        {
            await RandomFile.CreateAsync(path, fileBytes);
            await owner.PutFileAsync(path, folderId: null);
        }

        var file = (await owner.ListFilesAsync()).Single().File;
        var (link, url) = await owner.CreateLinkAsync(file, new CreateLinkOptions(Modify: true), server.BaseAddress);
        if (!LinkUrl.TryParse(url, out var address))
            throw new InvalidOperationException("the link URL does not parse");
        var outbox = new DevOutbox(http, server.BaseAddress);
        var tokens = new string[recipients];
        var repeated = 0;
        await Parallel.ForAsync(0, recipients, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var email = $"bench-recipient-{i:D3}@example.com";
            var recipient = new RecipientApi(http, address.LinkId, address.Secret);
            for (var attempt = 1; ; attempt++)
            {
                // The server answers 202 whether or not it mailed a code; when none arrives, ask again (and count it).
                await recipient.RequestCodeAsync(email, ct);
                try
                {
                    var (code, _) = await outbox.WaitForCodeAsync(email, 0, ct, TimeSpan.FromSeconds(15));
                    await recipient.OpenSessionAsync(email, code, ct);
                    break;
                }
                catch (TimeoutException) when (attempt < 4)
                {
                    Interlocked.Increment(ref repeated);
                }
            }

            tokens[i] = recipient.SessionToken ?? throw new InvalidOperationException("no session token");
        });

        var info = await new RecipientApi(http, link.Id, address.Secret, tokens[0]).InfoAsync();
        return new RecipientFixture(
            link.Id,
            Base64Url.Encode(LinkKeys.DeriveAuthToken(address.Secret, link.Id)),
            tokens,
            info.Versions.Versions.Select(v => (v.Number, v.CiphertextLength)).ToList(),
            repeated);
    }
}
