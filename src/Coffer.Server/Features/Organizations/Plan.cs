namespace Coffer.Server.Features.Organizations;

/// <summary>The plans an account or organization can be on.</summary>
public enum Plan
{
    Personal,
    Professional,
    Business,
    Enterprise,
}
