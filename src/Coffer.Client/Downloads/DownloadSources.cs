using Coffer.Client.Versions;

namespace Coffer.Client.Downloads;

/// <summary>Builds a <see cref="DownloadSource"/> from an opened version, refusing versions whose keys or metadata did not open.</summary>
public static class DownloadSources
{
    public static DownloadSource From(OpenedVersion version, string fileId, string contentPath)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.ContentKey is null || version.Metadata is null || version.Problem is not null)
            throw new Crypto.Errors.CofferCryptoException(Crypto.Errors.CryptoErrorKind.AuthenticationFailed, $"Version {version.Version.Number} cannot be trusted: {version.Problem}.");
        return new DownloadSource(contentPath, version.ContentKey, fileId, version.Version.ContentId.ToString("D"), version.Version.CiphertextLength, version.Metadata);
    }
}
