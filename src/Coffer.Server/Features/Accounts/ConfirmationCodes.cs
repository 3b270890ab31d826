using System.Globalization;
using System.Security.Cryptography;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Mail;
using Coffer.Server.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>Issues and checks the 6-digit email confirmation codes (hashed at rest; a new code replaces the old).</summary>
public sealed class ConfirmationCodes(ServerSecret secret, TimeProvider time, IOptions<AccountsOptions> options, IMailer mailer)
{
    /// <summary>Stores a fresh code for the account and queues its mail, both in <paramref name="db"/>: one save by the caller commits them together.</summary>
    public async Task IssueAsync(CofferDbContext db, Account account, CancellationToken cancellationToken)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var existing = await db.Set<EmailConfirmation>().SingleOrDefaultAsync(c => c.AccountId == account.Id, cancellationToken);
        if (existing is null)
        {
            existing = new EmailConfirmation { AccountId = account.Id, CodeHash = [] };
            db.Set<EmailConfirmation>().Add(existing);
        }

        existing.CodeHash = HashCode(account.Id, code);
        existing.ExpiresAt = time.GetUtcNow() + options.Value.CodeLifetime;
        existing.Attempts = 0;
        // The mail is not sent once the code has expired.
        mailer.Enqueue(db, MailTemplates.ConfirmationCode(account.Email, code, options.Value.CodeLifetime) with { NotAfter = existing.ExpiresAt });
    }

    /// <summary>Counts an attempt and says whether the code is right, unexpired and within the attempt limit.</summary>
    public bool Check(EmailConfirmation confirmation, string code)
    {
        confirmation.Attempts++;
        return confirmation.Attempts <= options.Value.CodeMaxAttempts
            && confirmation.ExpiresAt > time.GetUtcNow()
            && CryptographicOperations.FixedTimeEquals(HashCode(confirmation.AccountId, code), confirmation.CodeHash);
    }

    private byte[] HashCode(Guid accountId, string code) => secret.Mac("coffer/confirmation-code", $"{accountId:D}|{code}");
}
