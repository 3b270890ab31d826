using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Tests.Features.Files;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Features.Recipients;

/// <summary>The link host, recording every SQL statement EF sends with the path of the request that sent it.</summary>
public sealed class CountingLinkAppFactory : LinkAppFactory
{
    public ConcurrentQueue<(string Path, string Sql)> Commands { get; } = new();

    public IReadOnlyList<string> CommandsOf(string path) => [.. Commands.Where(c => c.Path == path).Select(c => c.Sql)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<CofferDbContext>((provider, options) =>
                options.AddInterceptors(new CommandRecorder(provider.GetRequiredService<IHttpContextAccessor>(), Commands)));
        });
    }

    private sealed class CommandRecorder(IHttpContextAccessor http, ConcurrentQueue<(string Path, string Sql)> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command) => commands.Enqueue((http.HttpContext?.Request.Path.Value ?? "", command.CommandText));
    }
}

/// <summary>What a verified recipient's reads cost the database: the hot path of <c>bench recipients</c>.</summary>
public sealed class RecipientRequestCostTests(CountingLinkAppFactory factory) : IClassFixture<CountingLinkAppFactory>
{
    [Fact]
    public async Task ARangeOfAVersion_RunsTwoStatements_TheGateAndTheVersionRow()
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        var path = $"/api/l/{link.Id}/versions/1/content";

        using var request = new HttpRequestMessage(HttpMethod.Get, path + "?purpose=preview");
        request.Headers.Range = new RangeHeaderValue(10, 99);
        var response = await recipient.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(90, (await response.Content.ReadAsByteArrayAsync()).Length);
        // Link, file, policy, session and plan in one statement; the version row with its window check in the other.
        Assert.Equal(2, factory.CommandsOf(path).Count);
    }

    [Fact]
    public async Task LinkInfo_AsksThePlanNoSecondTime()
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        var path = $"/api/l/{link.Id}";

        var info = await recipient.GetFromJsonAsync<LinkInfoDto>(path);

        Assert.Equal([1], info!.Versions.Versions.Select(v => v.Number));
        var commands = factory.CommandsOf(path);
        // The gate, then the versions list (count and rows); the plan came with the gate.
        Assert.True(commands.Count <= 3, string.Join("\n---\n", commands));
        Assert.Single(commands, sql => sql.Contains("\"Accounts\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PooledConnections_KeepForeignKeysAndTheBusyTimeout()
    {
        _ = factory.CreateClient();
        for (var use = 0; use < 3; use++)
        {
            // Each scope takes a connection from the pool (the same native one, after the first).
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(1L, await ScalarAsync(db, "PRAGMA foreign_keys;"));
            Assert.Equal((long)SqlitePragmaInterceptor.BusyTimeoutMilliseconds, await ScalarAsync(db, "PRAGMA busy_timeout;"));
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
                db.Database.ExecuteSqlRawAsync("INSERT INTO \"LinkSessions\" (\"Id\", \"LinkId\", \"TokenHash\", \"CreatedAt\", \"ExpiresAt\") VALUES (randomblob(16), 'no-such-link', randomblob(32), 0, 0);"));
        }
    }

    private static async Task<object?> ScalarAsync(CofferDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>The plan window as a recipient sees it: the gate reads the owner's plan (and organization plan) for the version routes.</summary>
public sealed class RecipientPlanWindowTests(SmallPlanAppFactory factory) : IClassFixture<SmallPlanAppFactory>
{
    [Fact]
    public async Task VersionsBeyondTheOwnersPlan_AreNotAvailableThroughALink_UntilTheOrganizationPlanGrows()
    {
        var link = await LinkKit.CreateAsync(factory);
        for (var basedOn = 1; basedOn <= 4; basedOn++)
        {
            await TestFiles.CommitAsync(link.Owner.Client, link.File.Id, basedOn: basedOn);
        }

        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        var limited = await recipient.GetFromJsonAsync<LinkInfoDto>($"/api/l/{link.Id}");
        Assert.Equal([5, 4, 3], limited!.Versions.Versions.Select(v => v.Number));
        Assert.Equal(2, limited.Versions.HiddenCount);
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{link.Id}/versions/3/content?purpose=preview")).StatusCode);
        await TestAccounts.AssertProblemAsync(
            await recipient.GetAsync($"/api/l/{link.Id}/versions/2/content?purpose=preview"), HttpStatusCode.NotFound, "version-not-available");
        await TestAccounts.AssertProblemAsync(
            await recipient.GetAsync($"/api/l/{link.Id}/versions/9/content?purpose=preview"), HttpStatusCode.NotFound, "version-not-available");

        using (var output = new StringWriter())
        {
            Assert.Equal(0, await AdminCommand.RunAsync(
                factory.Services, ["admin", "create-organization", "--name", $"Grow {Guid.NewGuid():N}", "--admin-email", link.Owner.Email, "--plan", "Enterprise"], output, output));
        }

        var all = await recipient.GetFromJsonAsync<LinkInfoDto>($"/api/l/{link.Id}");
        Assert.Equal([5, 4, 3, 2, 1], all!.Versions.Versions.Select(v => v.Number));
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=preview")).StatusCode);
    }
}
