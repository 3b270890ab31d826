namespace Coffer.Server.Features.Organizations;

/// <summary>What each plan allows, bound from <c>Plans:&lt;Name&gt;</c>, and the plan new accounts get.</summary>
public sealed class PlansOptions
{
    public const string Section = "Plans";
    public const long FiveGiB = 5L * 1024 * 1024 * 1024;

    /// <summary>The plan of a new account (<c>Plans:Default</c>); Professional so a fresh install can make cooperative links.</summary>
    public Plan Default { get; set; } = Plan.Professional;

    public PlanLimits Personal { get; set; } = new() { VersionsAvailable = 10, CooperativeLinks = false };
    public PlanLimits Professional { get; set; } = new() { VersionsAvailable = 10, CooperativeLinks = true };
    public PlanLimits Business { get; set; } = new() { VersionsAvailable = 100, CooperativeLinks = true };
    public PlanLimits Enterprise { get; set; } = new() { VersionsAvailable = 0, CooperativeLinks = true };

    public PlanLimits For(Plan plan) => plan switch
    {
        Plan.Personal => Personal,
        Plan.Professional => Professional,
        Plan.Business => Business,
        Plan.Enterprise => Enterprise,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan."),
    };
}

/// <summary>The limits of one plan.</summary>
public sealed class PlanLimits
{
    /// <summary>How many of the latest versions are listed and downloadable; 0 means all.</summary>
    public int VersionsAvailable { get; set; } = 10;

    /// <summary>Whether owners on this plan may create cooperative (can-modify) links.</summary>
    public bool CooperativeLinks { get; set; }

    /// <summary>The largest plaintext file, in bytes (default 5 GiB).</summary>
    public long MaxFileSizeBytes { get; set; } = PlansOptions.FiveGiB;

    /// <summary>The version limit as a count, or null for all.</summary>
    public int? VersionLimit => VersionsAvailable == 0 ? null : VersionsAvailable;
}
