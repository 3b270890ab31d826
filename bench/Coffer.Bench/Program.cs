using Coffer.Bench;

// Each benchmark or tool is a subcommand; add new ones (transfers, memory, load) to this table.
var commands = new SortedDictionary<string, BenchCommand>(StringComparer.Ordinal)
{
    ["crypto"] = new("Seal/open throughput against raw AES-GCM; writes bench/results/crypto.json", Coffer.Bench.Crypto.CryptoBenchmark.RunAsync),
    ["vectors"] = new("Regenerate test-vectors/*.json (add --interop to also regenerate test-vectors/interop/cs-sealed.json)", Coffer.Bench.Vectors.VectorGenerator.RunAsync),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Coffer.Bench -- <command> [options]");
    foreach (var (name, entry) in commands)
        Console.Error.WriteLine($"  {name,-10} {entry.Summary}");
    return 2;
}

return await command.Run(args[1..]);
