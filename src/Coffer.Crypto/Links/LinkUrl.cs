using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Links;

/// <summary>Builds and parses share URLs of the form <c>https://host/l/{linkId}#{base64url(S)}</c>.</summary>
public static class LinkUrl
{
    /// <summary>Builds the URL; <paramref name="baseAddress"/> is the server's origin, optionally with a path base (a trailing slash is ignored).</summary>
    public static string Build(string baseAddress, string linkId, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!CofferIds.IsLinkId(linkId))
            throw new ArgumentException("Not a link id.", nameof(linkId));
        return baseAddress.TrimEnd('/') + "/l/" + linkId + "#" + Base64Url.Encode(KeyDerivation.RequireKey(secret));
    }

    /// <summary>Parses a share URL; false when it is not an http(s) URL ending in <c>/l/{linkId}</c> with a 32-byte secret fragment.</summary>
    public static bool TryParse(string? url, out LinkAddress address)
    {
        address = default!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return false;
        var path = uri.AbsolutePath;
        var marker = path.LastIndexOf("/l/", StringComparison.Ordinal);
        if (marker < 0)
            return false;
        var linkId = path[(marker + 3)..];
        var fragment = uri.Fragment.StartsWith('#') ? uri.Fragment[1..] : uri.Fragment;
        if (!CofferIds.IsLinkId(linkId) || !Base64Url.TryDecode(fragment, out var secret) || secret.Length != LinkKeys.SecretLength)
            return false;
        var baseAddress = uri.GetLeftPart(UriPartial.Authority) + path[..marker];
        address = new LinkAddress(baseAddress, linkId, secret);
        return true;
    }
}

/// <summary>The parts of a share URL: the server base address (no trailing slash), the link id, and the secret S.</summary>
public sealed record LinkAddress(string BaseAddress, string LinkId, byte[] Secret);
