namespace Coffer.Client;

/// <summary>Bytes moved so far of a transfer, out of its total; <see cref="StartedAt"/> is where a resumed transfer began.</summary>
public readonly record struct TransferProgress(long Done, long Total, long StartedAt);
