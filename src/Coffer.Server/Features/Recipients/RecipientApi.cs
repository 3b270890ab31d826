using Coffer.Server.Features.Files;
using Coffer.Server.Features.Uploads;

namespace Coffer.Server.Features.Recipients;

/// <summary>The recipient routes under <c>/api/l/{linkId}</c>; every one needs the link token header.</summary>
public static class RecipientApi
{
    public const string IpPolicy = "link-recipients";

    public static IEndpointRouteBuilder MapRecipients(this IEndpointRouteBuilder app)
    {
        var link = app.MapGroup("/api/l/{linkId}").WithTags("Recipients");
        link.MapGet("/gate", RecipientVerification.Gate).WithName("LinkGate")
            .WithSummary("What the link needs before a session (email verification or not).");
        link.MapPost("/verification", RecipientVerification.Request).RequireRateLimiting(IpPolicy).WithName("RequestLinkCode")
            .WithSummary("Mails a one-time code to the email; always 202.");
        link.MapPost("/session", RecipientVerification.OpenSession).RequireRateLimiting(IpPolicy).WithName("OpenLinkSession")
            .WithSummary("Opens a link session with the code (cookie for browsers, bearer token for client=cli).");
        link.MapDelete("/session", RecipientVerification.CloseSession).WithName("CloseLinkSession").WithSummary("Ends the link session.");

        link.MapGet("", RecipientReads.Info).WithName("GetLinkInfo").WithSummary("The file's wrapped key, sealed name, options and the first page of available versions.");
        link.MapGet("/versions", RecipientReads.Versions).WithName("ListLinkVersions").WithVersionPageParameters().WithSummary("A page of the available versions, newest first: before=<number>, limit=1…200 (default 50); nextBefore names the next page.");
        link.MapMethods("/versions/{number:int}/content", [HttpMethods.Get, HttpMethods.Head], RecipientReads.Content).WithName("GetLinkVersionContent")
            .WithSummary("A version's ciphertext with Range; purpose=preview|download (logged).");
        link.MapPost("/versions", RecipientWrites.Commit).WithName("CommitLinkVersion")
            .WithSummary("Commits a completed link upload as the next version (cooperative links).");
        link.MapPost("/versions/{number:int}/make-current", RecipientWrites.MakeCurrent).WithName("MakeLinkVersionCurrent")
            .WithSummary("A new version reusing version n's content (cooperative links).");

        link.MapGroup("/uploads").AddEndpointFilter(RecipientWrites.UploadGate)
            .MapTusUploads(http => http.Items[RecipientWrites.UploadOwnerItem] as string);
        return app;
    }
}
