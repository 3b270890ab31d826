namespace Coffer.Contracts.Organizations;

/// <summary>An organization's rules for links, set by its admins.</summary>
public sealed record OrganizationPolicyDto(
    bool AllowCooperativeLinks,
    bool DisableDownloads,
    int? DefaultLinkExpiryDays,
    int? MaxLinkExpiryDays);

/// <summary>An organization with its plan and members, as its admins see it.</summary>
public sealed record OrganizationDto(Guid Id, string Name, string Plan, IReadOnlyList<OrganizationMemberDto> Members);

/// <summary>A member of an organization and its role (<c>admin</c> or <c>member</c>).</summary>
public sealed record OrganizationMemberDto(Guid AccountId, string Email, string Role);

/// <summary>Adds an existing account to the admin's organization.</summary>
public sealed record AddMemberRequest(string Email, string Role);
