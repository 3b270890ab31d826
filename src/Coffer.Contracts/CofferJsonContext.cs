using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Contracts.Accounts;
using Coffer.Contracts.Common;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Contracts.Organizations;

namespace Coffer.Contracts;

/// <summary>Source-generated JSON metadata for every wire type (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PreloginRequest))]
[JsonSerializable(typeof(PreloginResponse))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(ConfirmRequest))]
[JsonSerializable(typeof(ResendCodeRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(AccountDto))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(CreateFolderRequest))]
[JsonSerializable(typeof(RenameRequest))]
[JsonSerializable(typeof(MoveFolderRequest))]
[JsonSerializable(typeof(MoveFileRequest))]
[JsonSerializable(typeof(FolderDto))]
[JsonSerializable(typeof(IReadOnlyList<FolderDto>))]
[JsonSerializable(typeof(CreateFileRequest))]
[JsonSerializable(typeof(FileDto))]
[JsonSerializable(typeof(IReadOnlyList<FileDto>))]
[JsonSerializable(typeof(CommitVersionRequest))]
[JsonSerializable(typeof(CommitVersionResponse))]
[JsonSerializable(typeof(VersionDto))]
[JsonSerializable(typeof(VersionListDto))]
[JsonSerializable(typeof(OrganizationPolicyDto))]
[JsonSerializable(typeof(OrganizationDto))]
[JsonSerializable(typeof(AddMemberRequest))]
[JsonSerializable(typeof(HealthDto))]
[JsonSerializable(typeof(CreateLinkRequest))]
[JsonSerializable(typeof(UpdateLinkRequest))]
[JsonSerializable(typeof(LinkDto))]
[JsonSerializable(typeof(IReadOnlyList<LinkDto>))]
[JsonSerializable(typeof(AccessLogEntryDto))]
[JsonSerializable(typeof(AccessLogPageDto))]
[JsonSerializable(typeof(AccessLogVerificationDto))]
[JsonSerializable(typeof(LinkVerificationRequest))]
[JsonSerializable(typeof(LinkSessionRequest))]
[JsonSerializable(typeof(LinkSessionDto))]
[JsonSerializable(typeof(LinkGateDto))]
[JsonSerializable(typeof(LinkInfoDto))]
[JsonSerializable(typeof(VersionAddedEvent))]
public sealed partial class CofferJsonContext : JsonSerializerContext;
