using System.Security.Claims;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Files;
using Coffer.Server.Features.Links;
using Coffer.Server.Features.Recipients;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Events;

/// <summary>The event streams: <c>GET /api/l/{linkId}/events</c> for recipients and <c>GET /api/events</c> for owners.</summary>
public static class EventsApi
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/l/{linkId}/events", RecipientStream).WithTags("Recipients").WithName("LinkEvents")
            .WithSummary("Server-sent events of the link's file (version-added); Last-Event-ID replays missed events.");
        app.MapGet("/api/events", OwnerStream).WithTags("Events").RequireAuthorization().WithName("OwnerEvents")
            .WithSummary("Server-sent events of the owner's files (all, or fileId=<uuid>).");
        return app;
    }

    private static async Task<IResult> RecipientStream(
        string linkId, HttpContext http, IServiceScopeFactory scopes, IEventBus bus, IDbContextFactory<CofferDbContext> dbFactory, TimeProvider time)
    {
        // The door is checked in a scope of its own, disposed before the stream starts: nothing of a request scope lives on.
        LinkAccess? access;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var (opened, problem) = await scope.ServiceProvider.GetRequiredService<LinkGate>().EnterAsync(linkId, http, http.RequestAborted);
            if (opened is null)
            {
                return problem!;
            }

            access = opened;
        }

        var sessionId = access.Session!.Id;
        var fileId = access.File.Id;
        using var subscription = bus.Subscribe(EventTopics.File(fileId), ServerSentEvents.LastEventId(http.Request));
        await ServerSentEvents.StreamAsync(http, subscription, time, HeartbeatInterval, async cancellationToken =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await RecipientMayStayAsync(db, linkId, fileId, sessionId, time.GetUtcNow(), cancellationToken);
        });
        return Results.Empty;
    }

    /// <summary>The door's verdict on an open stream: link neither revoked, expired nor suspended, file not trashed, session alive.</summary>
    private static async Task<bool> RecipientMayStayAsync(
        CofferDbContext db, string linkId, Guid fileId, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var link = await db.Set<Link>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        return link is not null
            && link.RevokedAt is null
            && !link.IsExpired(now)
            && await db.Set<StoredFile>().AnyAsync(f => f.Id == fileId && f.TrashedAt == null, cancellationToken)
            && !(link.Cooperative && await LinkPolicies.DownloadsDisabledAsync(db, link.CreatorId, cancellationToken))
            && await db.Set<LinkSession>().AnyAsync(s => s.Id == sessionId && s.ExpiresAt > now, cancellationToken);
    }

    private static async Task<IResult> OwnerStream(
        ClaimsPrincipal user, Guid? fileId, HttpContext http, IEventBus bus, IDbContextFactory<CofferDbContext> dbFactory, TimeProvider time)
    {
        var ownerId = user.AccountId();
        var sessionId = user.SessionId();
        if (fileId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
            if (!await db.Set<StoredFile>().AnyAsync(f => f.Id == id && f.OwnerId == ownerId, http.RequestAborted))
            {
                return Problems.NotFound("file");
            }
        }

        var topic = fileId is { } file ? EventTopics.File(file) : EventTopics.Owner(ownerId);
        using var subscription = bus.Subscribe(topic, ServerSentEvents.LastEventId(http.Request));
        await ServerSentEvents.StreamAsync(http, subscription, time, HeartbeatInterval, async cancellationToken =>
        {
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            return await check.Set<Session>().AnyAsync(s => s.Id == sessionId && s.ExpiresAt > now, cancellationToken);
        });
        return Results.Empty;
    }
}
