using System.Text;
using System.Text.Encodings.Web;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>The development outbox pages, mapped only when <c>Mail:DevelopmentOutbox</c> is on.</summary>
public static class DevOutboxApi
{
    /// <summary>One stored mail as <c>/dev/outbox.json</c> lists it.</summary>
    public sealed record OutboxMailDto(long Id, string To, string Subject, string Text, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapDevOutbox(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<MailOptions>>().Value.OutboxEnabled)
        {
            return app;
        }

        var group = app.MapGroup("/dev").ExcludeFromDescription();
        group.MapGet("/outbox.json", ListJson);
        group.MapGet("/outbox", ListHtml);
        return app;
    }

    private static async Task<IResult> ListJson(CofferDbContext db, string? to, CancellationToken cancellationToken)
    {
        var mails = await Query(db, to).ToListAsync(cancellationToken);
        return TypedResults.Ok(mails.Select(m => new OutboxMailDto(m.Id, m.To, m.Subject, m.Text, m.CreatedAt)).ToList());
    }

    private static async Task<IResult> ListHtml(CofferDbContext db, string? to, CancellationToken cancellationToken)
    {
        var mails = await Query(db, to).Take(100).ToListAsync(cancellationToken);
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Coffer development outbox</title></head><body>");
        html.Append("<h1>Development outbox</h1><p>Mail the server would have sent. Configure Mail:Smtp:Host to send real mail.</p>");
        foreach (var mail in mails)
        {
            html.Append("<article><h2>").Append(HtmlEncoder.Default.Encode(mail.Subject)).Append("</h2><p>To ")
                .Append(HtmlEncoder.Default.Encode(mail.To)).Append(", ").Append(mail.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</p><pre>").Append(HtmlEncoder.Default.Encode(mail.Text)).Append("</pre></article><hr>");
        }

        html.Append("</body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static IQueryable<OutboxMail> Query(CofferDbContext db, string? to)
    {
        var query = db.Set<OutboxMail>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(to))
        {
            var email = to.Trim().ToLowerInvariant();
            query = query.Where(m => m.To == email);
        }

        return query.OrderByDescending(m => m.Id);
    }
}
