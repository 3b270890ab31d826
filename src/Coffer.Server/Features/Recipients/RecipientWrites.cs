using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Files;
using Coffer.Server.Features.Notifications;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coffer.Server.Features.Recipients;

/// <summary>What a recipient of a cooperative link writes: uploads, new versions and "make it current", recorded under the verified email.</summary>
public static class RecipientWrites
{
    public const string UploadOwnerItem = "coffer.link.upload-owner";

    public static async Task<Results<Created<CommitVersionResponse>, ProblemHttpResult>> Commit(
        string linkId,
        CommitVersionRequest request,
        HttpContext http,
        LinkGate gate,
        VersionCommitter committer,
        AccessLogWriter log,
        VersionEvents events,
        LinkNotifier notifier,
        CancellationToken cancellationToken)
    {
        var (access, problem) = await EnterCooperativeAsync(linkId, http, gate, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var (content, invalid) = FileHandlers.DecodeContent(new NewVersionContent(request.UploadId, request.ContentId, request.WrappedContentKey, request.SealedMetadata));
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        var result = await committer.CommitUploadAsync(access.File, content!, request.Extension, request.BasedOn, UploaderOf(access), cancellationToken);
        return await CompleteAsync(http, access, result, AccessLogActions.VersionUploaded, log, events, notifier, cancellationToken);
    }

    public static async Task<Results<Created<CommitVersionResponse>, ProblemHttpResult>> MakeCurrent(
        string linkId,
        int number,
        HttpContext http,
        LinkGate gate,
        VersionWindow window,
        VersionCommitter committer,
        AccessLogWriter log,
        VersionEvents events,
        LinkNotifier notifier,
        CancellationToken cancellationToken)
    {
        var (access, problem) = await EnterCooperativeAsync(linkId, http, gate, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var source = await window.FindAvailableAsync(access.File, number, cancellationToken);
        if (source is null)
        {
            return Problems.Of(ErrorCodes.VersionNotAvailable, "No available version with that number.");
        }

        var result = await committer.MakeCurrentAsync(access.File, source, UploaderOf(access), cancellationToken);
        return await CompleteAsync(http, access, result, AccessLogActions.MadeCurrent, log, events, notifier, cancellationToken);
    }

    /// <summary>Lets tus requests through only with a session on a cooperative link, and names their owner for the upload store.</summary>
    public static async ValueTask<object?> UploadGate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }

        var linkId = http.Request.RouteValues["linkId"] as string ?? "";
        var gate = http.RequestServices.GetRequiredService<LinkGate>();
        var (access, problem) = await EnterCooperativeAsync(linkId, http, gate, http.RequestAborted);
        if (access is null)
        {
            return problem;
        }

        http.Items[UploadOwnerItem] = access.UploadOwnerKey;
        return await next(context);
    }

    private static async Task<(LinkAccess? Access, ProblemHttpResult? Problem)> EnterCooperativeAsync(
        string linkId, HttpContext http, LinkGate gate, CancellationToken cancellationToken)
    {
        var (access, problem) = await gate.EnterAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return (null, problem);
        }

        return access.Link.Cooperative
            ? (access, null)
            : (null, Problems.Of(ErrorCodes.LinkNotCooperative,
                "This is a plain (can access) link: it does not take new versions. Ask the owner for a cooperative link."));
    }

    private static Uploader UploaderOf(LinkAccess access) =>
        new(access.Email ?? throw new InvalidOperationException("Cooperative links always verify the email."), null, access.UploadOwnerKey);

    private static async Task<Results<Created<CommitVersionResponse>, ProblemHttpResult>> CompleteAsync(
        HttpContext http,
        LinkAccess access,
        CommitResult result,
        string action,
        AccessLogWriter log,
        VersionEvents events,
        LinkNotifier notifier,
        CancellationToken cancellationToken)
    {
        if (result.Problem is { } problem)
        {
            return problem;
        }

        var version = result.Version!;
        var link = access.Link;
        var (ip, agent) = RequestOrigin.Of(http);
        var detail = version.RestoredFrom is { } from ? $"restoredFrom={from}" : version.BasedOn is { } basedOn ? $"basedOn={basedOn}" : null;
        await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, action, access.Email, version.Number, ip, agent, detail), cancellationToken);
        events.Added(access.File, version);
        if (link.NotifyOwner)
        {
            await notifier.RecordAsync(new LinkActivity(link.Id, LinkActivity.Updated, access.Email, version.Number, version.CreatedAt));
        }

        var response = new CommitVersionResponse(version.ToDto(), result.LatestBefore, version.BasedOn is null || version.BasedOn == result.LatestBefore);
        return TypedResults.Created($"/api/l/{link.Id}/versions/{version.Number}", response);
    }
}
