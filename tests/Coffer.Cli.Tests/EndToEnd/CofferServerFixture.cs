using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>One real server process for the end-to-end collection.</summary>
[CollectionDefinition(Name)]
public sealed class CofferServerCollection : ICollectionFixture<ServerProcess>
{
    public const string Name = "coffer server";
}
