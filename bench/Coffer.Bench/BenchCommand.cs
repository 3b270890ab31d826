namespace Coffer.Bench;

/// <summary>One subcommand of the bench runner.</summary>
internal sealed record BenchCommand(string Summary, Func<string[], Task<int>> Run);
