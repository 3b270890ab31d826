using Coffer.Contracts.Common;
using Coffer.Server.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coffer.Server.Features.Health;

/// <summary>Liveness plus a database check at <c>/api/health</c>.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", Handle).WithTags("Health").WithName("Health").WithSummary("Liveness and database reachability.");
        return app;
    }

    private static async Task<Results<Ok<HealthDto>, JsonHttpResult<HealthDto>>> Handle(CofferDbContext db, CancellationToken cancellationToken) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? TypedResults.Ok(new HealthDto("ok", "ok"))
            : TypedResults.Json(new HealthDto("degraded", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
