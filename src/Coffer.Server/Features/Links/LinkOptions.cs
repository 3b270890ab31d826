using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coffer.Server.Features.Links;

/// <summary>Requested option changes, from a create (all may be null: defaults) or an update (null: unchanged).</summary>
public sealed record LinkOptionChanges(
    bool? AccessLog,
    bool? RequireEmail,
    bool? DisableDownload,
    bool? Watermark,
    DateTimeOffset? ExpiresAt,
    bool ClearExpiry,
    int? OpenLimit,
    bool ClearOpenLimit,
    bool? NotifyOwner);

/// <summary>The option rules of both link kinds, and the organization's expiry policy, applied in one place.</summary>
public static class LinkOptions
{
    public const int MaxOpenLimit = 1_000_000;

    /// <summary>Applies <paramref name="changes"/> to <paramref name="link"/>, or returns the problem that refuses them (the link is then unchanged).</summary>
    public static ProblemHttpResult? Apply(Link link, LinkOptionChanges changes, LinkRules rules, DateTimeOffset now, bool creating)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(rules);
        var accessLog = changes.AccessLog ?? (creating || link.AccessLog);
        var requireEmail = changes.RequireEmail ?? (creating ? link.Cooperative : link.RequireEmail);
        var disableDownload = changes.DisableDownload ?? (!creating && link.DisableDownload);
        var watermark = changes.Watermark ?? (!creating && link.Watermark);
        var notify = changes.NotifyOwner ?? (!creating && link.NotifyOwner);
        var openLimit = changes.ClearOpenLimit ? null : changes.OpenLimit ?? (creating ? null : link.OpenLimit);

        if (link.Cooperative)
        {
            if (!accessLog || !requireEmail)
            {
                return Problems.Of(ErrorCodes.LinkOptionForced,
                    "Cooperative links always keep an access log and always verify the recipient's email; these cannot be turned off.");
            }

            if (disableDownload || watermark)
            {
                return Problems.Of(ErrorCodes.LinkOptionUnavailable,
                    "Disable-download and watermark are not available on cooperative links: recipients must be able to fetch the file to edit it.");
            }

            if (openLimit is not null)
            {
                return Problems.Of(ErrorCodes.LinkOptionUnavailable, "An open limit is not available on cooperative links.");
            }
        }

        if (openLimit is < 1 or > MaxOpenLimit)
        {
            return Problems.Invalid($"openLimit must be between 1 and {MaxOpenLimit}.");
        }

        var (expiresAt, expiryProblem) = Expiry(link, changes, rules, now, creating);
        if (expiryProblem is not null)
        {
            return expiryProblem;
        }

        link.AccessLog = accessLog;
        link.RequireEmail = requireEmail;
        link.DisableDownload = disableDownload;
        link.Watermark = watermark;
        link.NotifyOwner = notify;
        link.OpenLimit = openLimit;
        link.ExpiresAt = expiresAt;
        return null;
    }

    private static (DateTimeOffset? ExpiresAt, ProblemHttpResult? Problem) Expiry(Link link, LinkOptionChanges changes, LinkRules rules, DateTimeOffset now, bool creating)
    {
        var maxDays = rules.Policy?.MaxLinkExpiryDays;
        var defaultDays = rules.Policy?.DefaultLinkExpiryDays ?? maxDays;
        DateTimeOffset? expiresAt;
        if (changes.ClearExpiry)
        {
            expiresAt = null;
        }
        else if (changes.ExpiresAt is { } requested)
        {
            if (requested <= now)
            {
                return (null, Problems.Invalid("expiresAt must be in the future."));
            }

            expiresAt = requested;
        }
        else
        {
            expiresAt = creating ? (defaultDays is { } days ? now.AddDays(days) : null) : link.ExpiresAt;
        }

        if (maxDays is { } max && (changes.ClearExpiry || changes.ExpiresAt is not null || creating))
        {
            if (expiresAt is null)
            {
                return (null, Problems.Of(ErrorCodes.LinkExpiryTooLong, $"The organization requires every link to expire within {max} days."));
            }

            if (expiresAt > now.AddDays(max))
            {
                return (null, Problems.Of(ErrorCodes.LinkExpiryTooLong, $"The organization allows links to last at most {max} days."));
            }
        }

        return (expiresAt, null);
    }
}
