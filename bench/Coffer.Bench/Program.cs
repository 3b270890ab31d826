using Coffer.Bench;

// Each benchmark or tool is a subcommand; add new ones (transfers, memory, load) to this table.
var commands = new SortedDictionary<string, BenchCommand>(StringComparer.Ordinal)
{
    ["crypto"] = new("Seal/open throughput against raw AES-GCM; writes bench/results/crypto.json", Coffer.Bench.Crypto.CryptoBenchmark.RunAsync),
    ["transfer"] = new("curl to/from a bare Kestrel endpoint vs coffer put/get (and recipient push/get); writes bench/results/transfer.json", Coffer.Bench.Transfers.TransferBenchmark.RunAsync),
    ["memory"] = new("Peak RSS of server and client while 1 GiB and 5 GiB go up and down; writes bench/results/memory.json", Coffer.Bench.Memory.MemoryBenchmark.RunAsync),
    ["recipients"] = new("200 verified recipient sessions reading metadata and ranges for 60 s; writes bench/results/recipients.json", Coffer.Bench.Recipients.RecipientLoadBenchmark.RunAsync),
    ["history"] = new("1 000 000 access-log events and 10 000 versions: page fetch times; writes bench/results/history.json", Coffer.Bench.History.HistoryBenchmark.RunAsync),
    ["summary"] = new("Write bench/results/SUMMARY.md from the result files (plus bench/ANALYSIS.md)", Coffer.Bench.Summary.SummaryWriter.RunAsync),
    ["all"] = new("Every benchmark in turn, then the summary (add --quick for small sizes while developing)", Coffer.Bench.AllBenchmarks.RunAsync),
    ["ceiling-server"] = new("(used by transfer) the bare Kestrel endpoint: --port P --dir D", Coffer.Bench.Ceiling.CeilingServer.RunAsync),
    ["client"] = new("(used when the CLI is not built) put|get|push|get-link through Coffer.Client in this process", Coffer.Bench.Clients.LibraryClient.RunAsync),
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
