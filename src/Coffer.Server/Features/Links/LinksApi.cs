namespace Coffer.Server.Features.Links;

/// <summary>The owner's link routes under <c>/api/links</c> and the admin's list under <c>/api/admin/links</c>.</summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/links").WithTags("Links").RequireAuthorization();
        links.MapPost("", CreateLink.Handle).WithName("CreateLink")
            .WithSummary("Creates a plain (access) or cooperative (modify) link to one file.");
        links.MapGet("", LinkQueries.List).WithName("ListLinks").WithSummary("The caller's links, newest first; fileId filters by file.");
        links.MapGet("/{id}", LinkQueries.Get).WithName("GetLink").WithSummary("One link (its creator, or an admin of the creator's organization).");
        links.MapPatch("/{id}", UpdateLink.Handle).WithName("UpdateLink").WithSummary("Changes options; needs If-Match; the permission never changes.");
        links.MapDelete("/{id}", RevokeLink.Handle).WithName("RevokeLink").WithSummary("Revokes the link (idempotent); its sessions end at once.");

        app.MapGroup("/api/admin/links").WithTags("Admin").RequireAuthorization()
            .MapGet("", LinkQueries.ListForAdmin).WithName("ListOrganizationLinks")
            .WithSummary("Every link of the admin's organization, with its creator.");
        return app;
    }
}
