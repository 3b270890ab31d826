using System.Globalization;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Coffer.Server.Features.Files;

/// <summary>
/// Which page of a version list to read: versions numbered below <see cref="Before"/> (null: from the latest), newest first,
/// at most <see cref="Limit"/> of them.
/// </summary>
public readonly record struct VersionPage(int? Before, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The extension member of a 400 <c>invalid-request</c> naming the query parameter at fault.</summary>
    public const string ParameterKey = "parameter";

    /// <summary>The newest page: what a page load and <c>LinkInfoDto.versions</c> show.</summary>
    public static VersionPage First => new(null, DefaultLimit);

    /// <summary>
    /// Reads <c>?before=&amp;limit=</c>. They bind as text so that a value that is not a number gets the same problem, naming
    /// the parameter, as an out-of-range one, instead of the framework's anonymous 400.
    /// </summary>
    public static bool TryParse(string? before, string? limit, out VersionPage page, out ProblemHttpResult? problem)
    {
        page = First;
        problem = null;
        int? beforeValue = null;
        if (before is not null)
        {
            if (!int.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b < 1)
            {
                problem = Invalid("before", "before must be a version number (a whole number, 1 or more).");
                return false;
            }

            beforeValue = b;
        }

        var limitValue = DefaultLimit;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out limitValue) || limitValue is < 1 or > MaxLimit))
        {
            problem = Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            return false;
        }

        page = new VersionPage(beforeValue, limitValue);
        return true;
    }

    private static ProblemHttpResult Invalid(string parameter, string detail) =>
        Problems.Of(ErrorCodes.InvalidRequest, detail, new Dictionary<string, object?> { [ParameterKey] = parameter });
}

/// <summary>Describes <c>before</c> and <c>limit</c> in the OpenAPI document as the integers they are (they bind as text, see <see cref="VersionPage.TryParse"/>).</summary>
public static class VersionPageOpenApi
{
    public static TBuilder WithVersionPageParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name == "before")
                {
                    parameter.Description = "Only versions numbered below this (default: from the latest); the previous page's nextBefore.";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" };
                }
                else if (parameter.Name == "limit")
                {
                    parameter.Description = $"At most this many versions (default {VersionPage.DefaultLimit}).";
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Format = "int32",
                        Minimum = "1",
                        Maximum = VersionPage.MaxLimit.ToString(CultureInfo.InvariantCulture),
                        Default = System.Text.Json.Nodes.JsonValue.Create(VersionPage.DefaultLimit),
                    };
                }
            }

            return Task.CompletedTask;
        });
}
