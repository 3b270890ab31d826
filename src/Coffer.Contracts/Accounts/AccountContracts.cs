namespace Coffer.Contracts.Accounts;

/// <summary>The client-side key-derivation parameters of an account (CRYPTO.md §3).</summary>
public sealed record KdfParameters(string Algorithm, int Iterations, string Salt);

/// <summary>Asks for the KDF parameters of an email before login.</summary>
public sealed record PreloginRequest(string Email);

/// <summary>The KDF parameters to derive the auth key with (fake but stable for unknown emails).</summary>
public sealed record PreloginResponse(KdfParameters Kdf);

/// <summary>Creates an account; the server mails a confirmation code.</summary>
public sealed record RegisterRequest(string Email, KdfParameters Kdf, string AuthKey, string WrappedAccountKey);

/// <summary>Confirms an account's email with the code it was mailed.</summary>
public sealed record ConfirmRequest(string Email, string Code);

/// <summary>Asks for a new confirmation code (the previous one stops working).</summary>
public sealed record ResendCodeRequest(string Email);

/// <summary>Logs in with the client-derived auth key; <c>Mode</c> is <c>bearer</c> (default) or <c>cookie</c>.</summary>
public sealed record LoginRequest(string Email, string AuthKey, string? Mode = null);

/// <summary>A new session: the bearer token (null in cookie mode), its expiry and the account.</summary>
public sealed record LoginResponse(string? Token, DateTimeOffset ExpiresAt, AccountDto Account);

/// <summary>The logged-in account as its owner sees it.</summary>
public sealed record AccountDto(
    Guid Id,
    string Email,
    string Plan,
    PlanLimitsDto Limits,
    KdfParameters Kdf,
    string WrappedAccountKey,
    OrganizationMembershipDto? Organization);

/// <summary>What the account's plan allows.</summary>
public sealed record PlanLimitsDto(int? VersionsAvailable, bool CooperativeLinks, long MaxFileSizeBytes);

/// <summary>The organization an account belongs to and its role there (<c>admin</c> or <c>member</c>).</summary>
public sealed record OrganizationMembershipDto(Guid Id, string Name, string Role);

/// <summary>Changes the password: new KDF record, new auth key and the account key re-wrapped under the new EK.</summary>
public sealed record ChangePasswordRequest(string CurrentAuthKey, KdfParameters Kdf, string AuthKey, string WrappedAccountKey);
