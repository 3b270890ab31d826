using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Infrastructure;

/// <summary>A browser context that records what its pages did wrong (console errors, uncaught errors) and every URL they requested.</summary>
public sealed class RecordedContext : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _requests = new();

    public RecordedContext(IBrowserContext context)
    {
        Context = context;
        context.Page += (_, page) => Watch(page);
        context.Request += (_, request) => _requests.Enqueue(request.Url);
    }

    public IBrowserContext Context { get; }

    /// <summary>Console errors (a CSP violation is one) and uncaught page errors, in order.</summary>
    public IReadOnlyCollection<string> Errors => [.. _errors];

    public IReadOnlyCollection<string> RequestedUrls => [.. _requests];

    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                _errors.Enqueue("console: " + message.Text);
        };
        page.PageError += (_, error) => _errors.Enqueue("page error: " + error);
    }
}
