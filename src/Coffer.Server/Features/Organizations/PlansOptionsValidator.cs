using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Organizations;

/// <summary>Checks every plan's limits and names the offending setting.</summary>
internal sealed class PlansOptionsValidator : IValidateOptions<PlansOptions>
{
    public ValidateOptionsResult Validate(string? name, PlansOptions options)
    {
        var failures = new List<string>();
        foreach (var plan in Enum.GetValues<Plan>())
        {
            var limits = options.For(plan);
            if (limits.VersionsAvailable < 0)
            {
                failures.Add($"Plans:{plan}:VersionsAvailable must be 0 (all) or a positive number of versions.");
            }

            if (limits.MaxFileSizeBytes <= 0)
            {
                failures.Add($"Plans:{plan}:MaxFileSizeBytes must be a positive number of bytes.");
            }
        }

        if (!Enum.IsDefined(options.Default))
        {
            failures.Add("Plans:Default must be Personal, Professional, Business or Enterprise.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
