using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>The Admin Center: the organization's links with their creator, the policy (suspending cooperative links, blocking them), revoke, adding members.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminCenterTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_DisablesDownloads_SuspendingCooperativeLinks_BlocksNewOnes_AndRevokesAMembersLink()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Dialog += (_, d) => _ = d.AcceptAsync();
        var owner = new OwnerDriver(page, server);
        await owner.SignUpAsync("ada@example.com");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin Center" })).ToHaveCountAsync(0);
        await owner.DropFileAsync("Budget.pdf", OwnerDriver.SamplePdf(), "application/pdf");
        await owner.CreateLinkAsync("Budget.pdf", canModify: true);

        await ServerAdminCommand.CreateOrganizationAsync(server, "Acme", "ada@example.com");
        await page.ReloadAsync();
        await page.GetByLabel("Password").FillAsync(OwnerDriver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await owner.OpenSectionAsync("Admin Center");
        var center = page.GetByTestId("admin-center");
        await Assertions.Expect(center.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin Center — Acme");
        var link = center.GetByTestId("link-row");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await Assertions.Expect(link).ToContainTextAsync("by ada@example.com");
        await Assertions.Expect(link.GetByTestId("coop-badge")).ToBeVisibleAsync();

        // Disabling downloads suspends the cooperative link; lifting it resumes it.
        await center.GetByLabel("Disable downloads").CheckAsync();
        await center.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(link).ToHaveAttributeAsync("data-status", "suspended");
        await center.GetByLabel("Disable downloads").UncheckAsync();
        await center.GetByLabel("Default link expiry (days)").FillAsync("40");
        await center.GetByLabel("Maximum link expiry (days)").FillAsync("30");
        await Assertions.Expect(center.GetByText("The default expiry cannot be longer than the maximum.")).ToBeVisibleAsync();
        await center.GetByLabel("Default link expiry (days)").FillAsync("7");
        await center.GetByLabel("Allow cooperative links").UncheckAsync();
        await center.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(link).ToHaveAttributeAsync("data-status", "active");

        // A member's new cooperative link is refused with the server's own explanation.
        await owner.OpenSectionAsync("Files");
        await page.GetByRole(AriaRole.Button, new() { Name = "Share Budget.pdf", Exact = true }).ClickAsync();
        var dialog = page.GetByTestId("share-dialog");
        await dialog.GetByLabel("Can modify").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("error")).ToContainTextAsync("organization", new() { IgnoreCase = true });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await owner.OpenSectionAsync("Admin Center");
        await center.GetByTestId("link-row").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(center.GetByTestId("link-row")).ToHaveAttributeAsync("data-status", "revoked");

        Assert.True(context.Errors.Count(e => !e.Contains("status of 403", StringComparison.Ordinal)) == 0, string.Join('\n', context.Errors));
    }

    [Fact]
    public async Task Admin_AddsAnExistingAccountByEmail_SeesItListed_AndReadsTheServersSentenceForAnUnknownEmail()
    {
        await using var server = await CofferServerProcess.StartAsync();

        // Bob has his own account and a link to one of his files before he joins.
        await using var bobContext = await browser.NewContextAsync();
        var bob = new OwnerDriver(await bobContext.NewPageAsync(), server);
        await bob.SignUpAsync("bob@example.com");
        await bob.DropFileAsync("Minutes.pdf", OwnerDriver.SamplePdf(), "application/pdf");
        await bob.CreateLinkAsync("Minutes.pdf", canModify: false);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var owner = new OwnerDriver(page, server);
        await owner.SignUpAsync("ada@example.com");
        await owner.DropFileAsync("Budget.pdf", OwnerDriver.SamplePdf(), "application/pdf");
        await owner.CreateLinkAsync("Budget.pdf", canModify: false);
        await ServerAdminCommand.CreateOrganizationAsync(server, "Acme", "ada@example.com");
        await page.ReloadAsync();
        await page.GetByLabel("Password").FillAsync(OwnerDriver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await owner.OpenSectionAsync("Admin Center");
        var center = page.GetByTestId("admin-center");
        var members = center.GetByTestId("member");
        await Assertions.Expect(members).ToHaveTextAsync(["ada@example.com (admin)"]);
        await Assertions.Expect(center.GetByTestId("link-row")).ToHaveCountAsync(1);

        // An email without an account: the server's own sentence, and nobody is added.
        var form = center.GetByTestId("add-member-form");
        var email = form.GetByLabel("Add member: email of their Coffer account");
        await email.FillAsync("carol@example.com");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("member-error")).ToHaveTextAsync(
            "No confirmed Coffer account uses carol@example.com. Ask them to sign up and confirm their email first, then add them.");
        await Assertions.Expect(members).ToHaveCountAsync(1);

        // Bob's account, typed loosely: he is listed, and his link joins the organization's, named by file id and extension.
        await email.FillAsync(" Bob@Example.com ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(members).ToHaveTextAsync(["ada@example.com (admin)", "bob@example.com (member)"]);
        await Assertions.Expect(form.GetByTestId("member-error")).ToHaveCountAsync(0);
        await Assertions.Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added Bob@Example.com.");
        await Assertions.Expect(email).ToHaveValueAsync("");

        var links = center.GetByTestId("link-row");
        await Assertions.Expect(links).ToHaveCountAsync(2);
        await Assertions.Expect(links.Filter(new() { HasText = "by bob@example.com" }).Locator(".name"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^file [0-9a-f-]{36} \(\.pdf\)$"));
        await Assertions.Expect(links.Filter(new() { HasText = "by ada@example.com" }).Locator(".name")).ToHaveTextAsync("Budget.pdf");
        await Assertions.Expect(center.GetByTestId("names-note")).ToContainTextAsync("File names are encrypted for their owners");

        // Adding him again: the server's conflict sentence.
        await email.FillAsync("bob@example.com");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("member-error")).ToHaveTextAsync("bob@example.com is already a member of this organization.");

        // The refused requests log "status of 404/409" in the console; nothing else may.
        Assert.True(
            context.Errors.Count(e => !e.Contains("status of 404", StringComparison.Ordinal) && !e.Contains("status of 409", StringComparison.Ordinal)) == 0,
            string.Join('\n', context.Errors));
    }
}
