/** The kinds of failure, mirroring Coffer.Crypto's CryptoErrorKind so both clients tell users the same thing. */
export type CryptoErrorKind =
  | 'AuthenticationFailed'
  | 'Truncated'
  | 'Tampered'
  | 'UnknownFormatVersion'
  | 'NotACofferStream'
  | 'InvalidEncoding'
  | 'UnsupportedKdf';

/** Base class of every error the crypto module throws for bad input data; switch on `kind` or use instanceof. */
export abstract class CofferCryptoError extends Error {
  abstract readonly kind: CryptoErrorKind;
}

/** A GCM tag did not verify: a wrong key, a wrong label, or altered bytes (AES-GCM cannot tell them apart). */
export class AuthenticationFailedError extends CofferCryptoError {
  readonly kind = 'AuthenticationFailed' as const;
  override readonly name = 'AuthenticationFailedError';
}

/** The data ends early: inside the header, or without a segment that verifies as the final one. */
export class TruncatedError extends CofferCryptoError {
  readonly kind = 'Truncated' as const;
  override readonly name = 'TruncatedError';
}

/** The data is structurally impossible: bytes after the final segment, an empty final segment after others, a header field out of range. */
export class TamperedError extends CofferCryptoError {
  readonly kind = 'Tampered' as const;
  override readonly name = 'TamperedError';
}

/** A format version byte (stream header, box, metadata `v`) this implementation does not know. */
export class UnknownFormatVersionError extends CofferCryptoError {
  readonly kind = 'UnknownFormatVersion' as const;
  override readonly name = 'UnknownFormatVersionError';
}

/** The data does not start with the sealed-stream magic `COFS`. */
export class NotACofferStreamError extends CofferCryptoError {
  readonly kind = 'NotACofferStream' as const;
  override readonly name = 'NotACofferStreamError';
}

/** A value is not in its required encoding: bad base64url, a key of the wrong length, malformed metadata JSON or link URL. */
export class InvalidEncodingError extends CofferCryptoError {
  readonly kind = 'InvalidEncoding' as const;
  override readonly name = 'InvalidEncodingError';
}

/** A KDF parameter record names an unknown algorithm or parameters below the minimum. */
export class UnsupportedKdfError extends CofferCryptoError {
  readonly kind = 'UnsupportedKdf' as const;
  override readonly name = 'UnsupportedKdfError';
}
