using System.Security.Claims;
using System.Security.Cryptography;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Links;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.AccessLog;

/// <summary>Reading a link's access log (its creator, or an admin of the creator's organization): pages, CSV, chain check.</summary>
public static class AccessLogApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAccessLog(this IEndpointRouteBuilder app)
    {
        var log = app.MapGroup("/api/links/{id}").WithTags("Links").RequireAuthorization();
        log.MapGet("/log", Page).WithName("GetLinkLog").WithSummary("The link's access log, oldest first, paged by after=<sequence>.");
        log.MapGet("/log.csv", Csv).WithName("ExportLinkLog").WithSummary("The whole access log as CSV.");
        log.MapGet("/log/verify", Verify).WithName("VerifyLinkLog").WithSummary("Walks the hash chain and names the first broken row.");
        return app;
    }

    private static async Task<Results<Ok<AccessLogPageDto>, ProblemHttpResult>> Page(
        string id, long? after, int? limit, ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken)
    {
        if (await ManagedLinks.FindAsync(db, user, id, cancellationToken) is null)
        {
            return Problems.NotFound("link");
        }

        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return Problems.Invalid($"limit must be between 1 and {MaxPageSize}.");
        }

        var from = after ?? 0;
        var rows = await db.Set<AccessLogEntry>().AsNoTracking()
            .Where(e => e.LinkId == id && e.Sequence > from)
            .OrderBy(e => e.Sequence)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).Select(ToDto).ToList();
        return TypedResults.Ok(new AccessLogPageDto(page, rows.Count > size ? page[^1].Sequence : null));
    }

    private static async Task<IResult> Csv(string id, ClaimsPrincipal user, HttpContext http, CofferDbContext db, CancellationToken cancellationToken)
    {
        if (await ManagedLinks.FindAsync(db, user, id, cancellationToken) is null)
        {
            return Problems.NotFound("link");
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"coffer-link-{id}-log.csv\"";
        http.Response.Headers.CacheControl = "private, no-store";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(AccessLogCsv.Header);
        var rows = db.Set<AccessLogEntry>().AsNoTracking().Where(e => e.LinkId == id).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(AccessLogCsv.Row(ToDto(row)));
        }

        await writer.FlushAsync(cancellationToken);
        return Results.Empty;
    }

    private static async Task<Results<Ok<AccessLogVerificationDto>, ProblemHttpResult>> Verify(
        string id, ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken)
    {
        if (await ManagedLinks.FindAsync(db, user, id, cancellationToken) is null)
        {
            return Problems.NotFound("link");
        }

        var rows = db.Set<AccessLogEntry>().AsNoTracking().Where(e => e.LinkId == id).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return TypedResults.Ok(await AccessLogChain.VerifyAsync(rows, cancellationToken));
    }

    public static AccessLogEntryDto ToDto(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.At, entry.LinkId, entry.FileId, entry.Action, entry.Actor, entry.Version, entry.Ip, entry.UserAgent,
            entry.Detail, Convert.ToHexStringLower(entry.PreviousHash), Convert.ToHexStringLower(entry.Hash));
    }
}

/// <summary>Checks a link's chain: sequence numbers without gaps, each row's previous hash, and each row's own hash.</summary>
public static class AccessLogChain
{
    public static async Task<AccessLogVerificationDto> VerifyAsync(IAsyncEnumerable<AccessLogEntry> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var expectedPrevious = AccessLogHash.Genesis();
        long expectedSequence = 1;
        long checkedCount = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            string? problem = null;
            if (row.Sequence != expectedSequence)
            {
                problem = $"Expected row {expectedSequence} but found row {row.Sequence}: rows are missing.";
            }
            else if (!CryptographicOperations.FixedTimeEquals(row.PreviousHash, expectedPrevious))
            {
                problem = "The row does not point at the hash of the row before it.";
            }
            else if (!CryptographicOperations.FixedTimeEquals(AccessLogHash.Compute(row), row.Hash))
            {
                problem = "The row's content does not match its hash: it was changed after it was written.";
            }

            if (problem is not null)
            {
                return new AccessLogVerificationDto(false, checkedCount, Math.Min(row.Sequence, expectedSequence), problem,
                    checkedCount == 0 ? null : Convert.ToHexStringLower(expectedPrevious));
            }

            expectedPrevious = row.Hash;
            expectedSequence++;
            checkedCount++;
        }

        return new AccessLogVerificationDto(true, checkedCount, null, null, checkedCount == 0 ? null : Convert.ToHexStringLower(expectedPrevious));
    }
}
