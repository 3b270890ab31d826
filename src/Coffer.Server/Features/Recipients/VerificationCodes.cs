using System.Globalization;
using System.Security.Cryptography;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Recipients;

/// <summary>One-time codes for a link and an email: 6 digits, stored as an HMAC under the server secret; a new code replaces the old.</summary>
public sealed class VerificationCodes(ServerSecret secret, TimeProvider time, IOptions<RecipientsOptions> options)
{
    /// <summary>Stores a fresh code (in <paramref name="db"/>, saved by the caller) and returns it and its expiry for the mail.</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(CofferDbContext db, string linkId, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var pending = await db.Set<LinkVerification>().SingleOrDefaultAsync(v => v.LinkId == linkId && v.Email == email, cancellationToken);
        if (pending is null)
        {
            pending = new LinkVerification { Id = Guid.CreateVersion7(time.GetUtcNow()), LinkId = linkId, Email = email, CodeHash = [] };
            db.Set<LinkVerification>().Add(pending);
        }

        pending.CodeHash = Hash(linkId, email, code);
        pending.ExpiresAt = time.GetUtcNow() + options.Value.CodeLifetime;
        pending.Attempts = 0;
        return (code, pending.ExpiresAt);
    }

    /// <summary>Counts an attempt and says whether the code is right, unexpired and within the attempt limit.</summary>
    public bool Check(LinkVerification pending, string code)
    {
        ArgumentNullException.ThrowIfNull(pending);
        pending.Attempts++;
        var right = CryptographicOperations.FixedTimeEquals(Hash(pending.LinkId, pending.Email, code), pending.CodeHash);
        return right && pending.Attempts <= options.Value.CodeMaxAttempts && pending.ExpiresAt > time.GetUtcNow();
    }

    public TimeSpan Lifetime => options.Value.CodeLifetime;

    private byte[] Hash(string linkId, string email, string code) => secret.Mac("coffer/link-code", $"{linkId}|{email}|{code}");
}
