using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Admin;
using Coffer.Server.Features.Files;
using Coffer.Server.Features.Folders;
using Coffer.Server.Features.Health;
using Coffer.Server.Features.Links;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Mail;

var builder = WebApplication.CreateBuilder(args);

builder.AddServerDefaults();
builder.AddAccounts();
builder.AddOrganizations();
builder.AddFiles();
builder.AddLinks();
builder.SkipDataProtectionAtStart();

var app = builder.Build();

if (AdminCommand.IsAdminCommand(args))
{
    return await AdminCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.Services.MigrateDatabaseAsync();
app.WarnAboutOutbox();

app.UseHttpDefaults();
app.UseWebAppFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<AntiforgeryMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealth();
app.MapAccounts();
app.MapAdmin();
app.MapFolders();
app.MapFiles();
app.MapLinkFeatures();
app.MapDevOutbox();
app.MapApiReference();
app.MapWebAppFallback();

await app.RunAsync();
return 0;

/// <summary>The server entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
