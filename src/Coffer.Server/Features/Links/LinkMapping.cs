using System.Globalization;
using Coffer.Contracts.Links;

namespace Coffer.Server.Features.Links;

/// <summary>Entity → wire shape, and the link's ETag.</summary>
public static class LinkMapping
{
    public static LinkDto ToDto(this Link link, string creatorEmail, string fileExtension, DateTimeOffset now, bool downloadsDisabledByPolicy) => new(
        link.Id,
        link.FileId,
        fileExtension,
        link.Permission,
        link.Cooperative,
        link.Status(now, downloadsDisabledByPolicy),
        link.AccessLog,
        link.RequireEmail,
        link.DisableDownload,
        link.Watermark,
        link.ExpiresAt,
        link.OpenLimit,
        link.OpenCount,
        link.NotifyOwner,
        link.CreatedAt,
        link.RevokedAt,
        link.CreatorId,
        creatorEmail,
        link.Revision);

    public static string ETag(this Link link) => $"\"{link.Revision.ToString(CultureInfo.InvariantCulture)}\"";
}
