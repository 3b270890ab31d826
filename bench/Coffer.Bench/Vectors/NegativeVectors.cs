using System.Text.Json.Nodes;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Streams;
using static Coffer.Bench.Vectors.VectorGenerator;

namespace Coffer.Bench.Vectors;

internal static class NegativeVectors
{
    public static JsonObject Build()
    {
        var several = StreamVectors.Seal(StreamVectors.Plaintext(161), 64);
        var oneSegment = StreamVectors.Seal(StreamVectors.Plaintext(48), 64);
        var empty = StreamVectors.Seal([], 64);
        var streams = new JsonArray();
        void Stream(string name, byte[] ciphertext, CryptoErrorKind expected, byte[]? contentKey = null) => streams.Add(new JsonObject
        {
            ["name"] = name,
            ["contentKey"] = Hex(contentKey ?? StreamVectors.ContentKey),
            ["fileId"] = FileId,
            ["contentId"] = ContentId,
            ["ciphertext"] = Hex(ciphertext),
            ["expectedError"] = expected.ToString(),
        });
        byte[] Flip(byte[] source, int offset)
        {
            var copy = source.ToArray();
            copy[offset] ^= 0x01;
            return copy;
        }

        var wrongKey = StreamVectors.ContentKey.ToArray();
        wrongKey[31] ^= 0x01;
        Stream("wrong-key", several, CryptoErrorKind.AuthenticationFailed, wrongKey);
        Stream("magic-altered", Flip(several, 0), CryptoErrorKind.NotACofferStream);
        Stream("version-2", Set(several, 4, 2), CryptoErrorKind.UnknownFormatVersion);
        Stream("segment-size-below-minimum", Set(several, 8, 63), CryptoErrorKind.Tampered);
        Stream("salt-bit-flipped", Flip(several, 9), CryptoErrorKind.AuthenticationFailed);
        Stream("nonce-prefix-bit-flipped", Flip(several, 47), CryptoErrorKind.AuthenticationFailed);
        Stream("segment-1-bit-flipped", Flip(several, 48 + 64 + 5), CryptoErrorKind.AuthenticationFailed);
        Stream("final-tag-bit-flipped", Flip(several, several.Length - 1), CryptoErrorKind.AuthenticationFailed);
        Stream("truncated-inside-header", several[..20], CryptoErrorKind.Truncated);
        Stream("header-only", several[..48], CryptoErrorKind.Truncated);
        Stream("truncated-at-segment-boundary", several[..(48 + (3 * 64))], CryptoErrorKind.Truncated);
        Stream("truncated-mid-segment", several[..(48 + 64 + 30)], CryptoErrorKind.AuthenticationFailed);
        Stream("truncated-inside-final-tag", several[..^20], CryptoErrorKind.Truncated);
        Stream("empty-file-without-segment", empty[..48], CryptoErrorKind.Truncated);
        Stream("segments-0-and-1-swapped", [.. several[..48], .. several[(48 + 64)..(48 + 128)], .. several[48..(48 + 64)], .. several[(48 + 128)..]], CryptoErrorKind.AuthenticationFailed);
        Stream("byte-appended-after-full-final-segment", [.. oneSegment, 0x00], CryptoErrorKind.Tampered);
        Stream("byte-appended-after-short-final-segment", [.. several, 0x00], CryptoErrorKind.AuthenticationFailed);
        Stream("empty-final-segment-after-full-segment", EmptyFinalAfterFullSegment(), CryptoErrorKind.Tampered);

        var linkId = Base64Url.Encode(Pattern(0x10, 16));
        var ak = Pattern(0x60, 32);
        var fk = Pattern(0x40, 32);
        var linkWrapKey = Pattern(0xa0, 32);
        var ownerBox = Box.SealWithNonce(ak, fk, Labels.OwnerFileKeyWrap(FileId), Pattern(0xf1, 12));
        var linkBox = Box.SealWithNonce(linkWrapKey, fk, Labels.LinkFileKeyWrap(linkId, FileId), Pattern(0xf2, 12));
        const string otherFileId = "00000000-0000-4000-8000-000000000000";
        var otherLinkId = Base64Url.Encode(Pattern(0x11, 16));
        var boxes = new JsonArray();
        void BoxCase(string name, byte[] key, byte[] box, string label, CryptoErrorKind expected) => boxes.Add(new JsonObject
        {
            ["name"] = name,
            ["key"] = Hex(key),
            ["label"] = label,
            ["box"] = Base64Url.Encode(box),
            ["expectedError"] = expected.ToString(),
        });
        BoxCase("owner-file-key-moved-to-another-file", ak, ownerBox, Labels.OwnerFileKeyWrap(otherFileId), CryptoErrorKind.AuthenticationFailed);
        BoxCase("owner-file-key-opened-as-link-key", ak, ownerBox, Labels.LinkFileKeyWrap(linkId, FileId), CryptoErrorKind.AuthenticationFailed);
        BoxCase("link-file-key-moved-to-another-link", linkWrapKey, linkBox, Labels.LinkFileKeyWrap(otherLinkId, FileId), CryptoErrorKind.AuthenticationFailed);
        BoxCase("link-file-key-moved-to-another-file", linkWrapKey, linkBox, Labels.LinkFileKeyWrap(linkId, otherFileId), CryptoErrorKind.AuthenticationFailed);
        BoxCase("wrong-key", fk, ownerBox, Labels.OwnerFileKeyWrap(FileId), CryptoErrorKind.AuthenticationFailed);
        BoxCase("version-2", ak, Set(ownerBox, 0, 2), Labels.OwnerFileKeyWrap(FileId), CryptoErrorKind.UnknownFormatVersion);
        BoxCase("shorter-than-nonce-and-tag", ak, ownerBox[..28], Labels.OwnerFileKeyWrap(FileId), CryptoErrorKind.Truncated);
        BoxCase("ciphertext-bit-flipped", ak, Set(ownerBox, 20, (byte)(ownerBox[20] ^ 0x80)), Labels.OwnerFileKeyWrap(FileId), CryptoErrorKind.AuthenticationFailed);

        return new JsonObject
        {
            ["description"] = "Inputs every opener must refuse, with the error kind of CRYPTO.md §6.5/§4. streams: open the whole ciphertext with contentKey/fileId/contentId. boxes: open box with key and label.",
            ["streams"] = streams,
            ["boxes"] = boxes,
        };
    }

    private static byte[] Set(byte[] source, int offset, byte value)
    {
        var copy = source.ToArray();
        copy[offset] = value;
        return copy;
    }

    /// <summary>48 plaintext bytes sealed as a non-final full segment followed by an empty final segment — a layout writers must never produce.</summary>
    private static byte[] EmptyFinalAfterFullSegment()
    {
        var header = new SealedStreamHeader(64, StreamVectors.Salt, StreamVectors.NoncePrefix);
        using var cipher = new SegmentCipher(StreamVectors.ContentKey, FileId, ContentId, header);
        var bytes = new byte[48 + 64 + 16];
        header.WriteTo(bytes);
        cipher.Encrypt(0, isLast: false, StreamVectors.Plaintext(48), bytes.AsSpan(48, 64));
        cipher.Encrypt(1, isLast: true, [], bytes.AsSpan(48 + 64, 16));
        return bytes;
    }
}
