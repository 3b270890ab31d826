namespace Coffer.Bench.Crypto;

internal static class CryptoBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(1);
}
