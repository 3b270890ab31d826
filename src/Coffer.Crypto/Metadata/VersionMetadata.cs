namespace Coffer.Crypto.Metadata;

/// <summary>The sealed per-version record of CRYPTO.md §5 (field order here is the wire order).</summary>
public sealed record VersionMetadata(
    string Name,
    long Size,
    string Sha256,
    string MediaType,
    DateTimeOffset Modified,
    string Uploader,
    string CiphertextSha256,
    int? BasedOn)
{
    public const int CurrentVersion = 1;
}
