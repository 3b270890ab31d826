using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coffer.Contracts.Links;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Recipients;

public sealed class RecipientGateTests(LinkAppFactory factory) : IClassFixture<LinkAppFactory>
{
    [Fact]
    public async Task EveryRoute_WithoutTheRightToken_AnswersTheSameNotFound_AndSendsNoMail()
    {
        var link = await LinkKit.CreateAsync(factory);
        var email = TestAccounts.NewEmail("probe");
        var noToken = factory.CreateClient();
        var wrongToken = LinkKit.Recipient(factory, link, LinkKit.NewToken());
        var malformed = LinkKit.Recipient(factory, link, "not-base64url!");

        var answers = new List<string>();
        foreach (var client in new[] { noToken, wrongToken, malformed })
        {
            foreach (var path in new[] { $"/api/l/{link.Id}", $"/api/l/{link.Id}/gate", $"/api/l/{LinkKit.NewLinkId()}/gate" })
            {
                answers.Add(await ShapeAsync(await client.GetAsync(path)));
            }

            answers.Add(await ShapeAsync(await client.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(email))));
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("404 link-not-found", answers[0], StringComparison.Ordinal);
        var mails = await noToken.GetFromJsonAsync<JsonElement>($"/dev/outbox.json?to={Uri.EscapeDataString(email)}");
        Assert.Equal(0, mails.GetArrayLength());
    }

    [Fact]
    public async Task RevokedLink_WithTheRightToken_SaysRevoked_AndEndsSessions_WithoutItAnswersLikeAnUnknownOne()
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{link.Id}")).StatusCode);

        await link.Owner.Client.DeleteAsync($"/api/links/{link.Id}");

        await TestAccounts.AssertProblemAsync(await recipient.GetAsync($"/api/l/{link.Id}"), HttpStatusCode.Gone, ErrorCodes.LinkRevoked);
        await TestAccounts.AssertProblemAsync(await recipient.GetAsync($"/api/l/{link.Id}/versions"), HttpStatusCode.Gone, ErrorCodes.LinkRevoked);
        await TestAccounts.AssertProblemAsync(await LinkKit.Recipient(factory, link).GetAsync($"/api/l/{link.Id}/gate"), HttpStatusCode.Gone, ErrorCodes.LinkRevoked);

        var stranger = LinkKit.Recipient(factory, link, LinkKit.NewToken());
        var revokedWrongToken = await ShapeAsync(await stranger.GetAsync($"/api/l/{link.Id}"));
        var unknown = await ShapeAsync(await stranger.GetAsync($"/api/l/{LinkKit.NewLinkId()}"));
        Assert.Equal(unknown, revokedWrongToken);
        Assert.StartsWith("404 link-not-found", revokedWrongToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredLink_WithTheRightToken_SaysExpired_AndEndsSessions()
    {
        var link = await LinkKit.CreateAsync(factory, change: r => r with { ExpiresAt = factory.Time.GetUtcNow().AddHours(1) });
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);

        factory.Time.Advance(TimeSpan.FromHours(2));

        await TestAccounts.AssertProblemAsync(await recipient.GetAsync($"/api/l/{link.Id}"), HttpStatusCode.Gone, ErrorCodes.LinkExpired);
        var stranger = LinkKit.Recipient(factory, link, LinkKit.NewToken());
        await TestAccounts.AssertProblemAsync(await stranger.GetAsync($"/api/l/{link.Id}"), HttpStatusCode.NotFound, ErrorCodes.LinkNotFound);
    }

    [Fact]
    public async Task Session_WrongCode_ThenRightCode_Works_AndTheCodeCannotBeReused()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("bob");
        var code = await LinkKit.RequestCodeAsync(client, link.Id, email);

        var wrong = await LinkKit.TrySessionAsync(client, link.Id, email, code == "000000" ? "111111" : "000000");
        await TestAccounts.AssertProblemAsync(wrong, HttpStatusCode.BadRequest, ErrorCodes.InvalidCode);
        var session = await LinkKit.OpenSessionAsync(client, link.Id, "  " + email.ToUpperInvariant() + " ", code);
        Assert.Equal(email, session.Email);
        Assert.NotNull(session.Token);

        var reused = await LinkKit.TrySessionAsync(client, link.Id, email, code);
        await TestAccounts.AssertProblemAsync(reused, HttpStatusCode.BadRequest, ErrorCodes.InvalidCode);
    }

    [Fact]
    public async Task Session_ExpiredCode_IsRefused()
    {
        var link = await LinkKit.CreateAsync(factory, change: r => r with { ExpiresAt = null });
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("late");
        var code = await LinkKit.RequestCodeAsync(client, link.Id, email);

        factory.Time.Advance(TimeSpan.FromMinutes(11));

        await TestAccounts.AssertProblemAsync(await LinkKit.TrySessionAsync(client, link.Id, email, code), HttpStatusCode.BadRequest, ErrorCodes.InvalidCode);
    }

    [Fact]
    public async Task Session_RightCodeAfterFiveWrongAttempts_IsRefused_AndAllFailuresLookAlike()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("guesser");
        var code = await LinkKit.RequestCodeAsync(client, link.Id, email);
        var wrongCode = code == "000000" ? "111111" : "000000";
        var answers = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add(await ShapeAsync(await LinkKit.TrySessionAsync(client, link.Id, email, wrongCode)));
        }

        answers.Add(await ShapeAsync(await LinkKit.TrySessionAsync(client, link.Id, email, code)));
        answers.Add(await ShapeAsync(await LinkKit.TrySessionAsync(client, link.Id, TestAccounts.NewEmail("never-asked"), code)));

        Assert.Single(answers.Distinct());
        Assert.StartsWith("400 invalid-code", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewCode_InvalidatesTheOldOne()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("twice");
        var first = await LinkKit.RequestCodeAsync(client, link.Id, email);
        string second;
        do
        {
            second = await LinkKit.RequestCodeAsync(client, link.Id, email);
        }
        while (second == first);

        await TestAccounts.AssertProblemAsync(await LinkKit.TrySessionAsync(client, link.Id, email, first), HttpStatusCode.BadRequest, ErrorCodes.InvalidCode);
        await LinkKit.OpenSessionAsync(client, link.Id, email, second);
    }

    [Fact]
    public async Task CodeRequests_BeyondThePerEmailLimit_SendNoMail_ButAnswerTheSame()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("flood");
        for (var i = 0; i < 8; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(email));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var mails = await client.GetFromJsonAsync<JsonElement>($"/dev/outbox.json?to={Uri.EscapeDataString(email)}");
        Assert.Equal(5, mails.GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentFirstCodeRequests_OnAFreshLink_AllGetTheirCode()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var emails = Enumerable.Range(0, 8).Select(i => TestAccounts.NewEmail($"rush{i}")).ToList();

        var responses = await Task.WhenAll(emails.Select(e => client.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(e))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        foreach (var email in emails)
        {
            var mails = await client.GetFromJsonAsync<JsonElement>($"/dev/outbox.json?to={Uri.EscapeDataString(email)}");
            Assert.Equal(1, mails.GetArrayLength());
        }
    }

    [Fact]
    public async Task ConcurrentCodeRequests_ForOneEmail_AreCountedExactly()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("burst");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(email))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));

        var mails = await client.GetFromJsonAsync<JsonElement>($"/dev/outbox.json?to={Uri.EscapeDataString(email)}");
        Assert.Equal(5, mails.GetArrayLength());
    }

    [Fact]
    public async Task SessionOfOneLink_IsUselessOnAnother()
    {
        var first = await LinkKit.CreateAsync(factory);
        var second = await LinkKit.CreateAsync(factory, owner: first.Owner);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, first);

        // The right token of the second link, the session of the first one.
        recipient.DefaultRequestHeaders.Remove(LinkHttp.TokenHeader);
        recipient.DefaultRequestHeaders.Add(LinkHttp.TokenHeader, second.Token);

        await TestAccounts.AssertProblemAsync(await recipient.GetAsync($"/api/l/{second.Id}"), HttpStatusCode.Unauthorized, ErrorCodes.LinkSessionRequired);
        await TestAccounts.AssertProblemAsync(await recipient.GetAsync($"/api/l/{first.Id}"), HttpStatusCode.NotFound, ErrorCodes.LinkNotFound);
    }

    [Fact]
    public async Task PlainLinkWithoutRequireEmail_OpensWithoutVerification_ButStillNeedsTheToken()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access, change: r => r with { RequireEmail = false });
        var client = LinkKit.Recipient(factory, link);

        var gate = await client.GetFromJsonAsync<LinkGateDto>($"/api/l/{link.Id}/gate");
        Assert.False(gate!.RequireEmail);
        var response = await client.PostAsJsonAsync($"/api/l/{link.Id}/session", new LinkSessionRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains($"path=/api/l/{link.Id}", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var info = await client.GetFromJsonAsync<LinkInfoDto>($"/api/l/{link.Id}");
        Assert.Equal(link.File.Id, info!.FileId);
        Assert.Null(info.Email);
        Assert.False(info.CanUpload);
        Assert.Equal(link.File.CurrentVersion.Number, info.Versions.Latest);
    }

    [Fact]
    public async Task OpenLimit_RefusesNewSessionsOnceReached()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access, change: r => r with { RequireEmail = false, OpenLimit = 1 });
        var client = LinkKit.Recipient(factory, link);

        await LinkKit.OpenSessionAsync(client, link.Id, null, null);

        await TestAccounts.AssertProblemAsync(await LinkKit.TrySessionAsync(client, link.Id, null, null), HttpStatusCode.Gone, ErrorCodes.LinkOpenLimitReached);
    }

    [Fact]
    public async Task Download_WhereDisabled_IsRefused_ButPreviewWorks()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access, change: r => r with { DisableDownload = true, RequireEmail = true });
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        var number = link.File.CurrentVersion.Number;

        var download = await recipient.GetAsync($"/api/l/{link.Id}/versions/{number}/content?purpose=download");
        var preview = await recipient.GetAsync($"/api/l/{link.Id}/versions/{number}/content?purpose=preview");

        await TestAccounts.AssertProblemAsync(download, HttpStatusCode.Forbidden, ErrorCodes.DownloadDisabled);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(link.File.CurrentVersion.CiphertextLength, (await preview.Content.ReadAsByteArrayAsync()).Length);
        var info = await recipient.GetFromJsonAsync<LinkInfoDto>($"/api/l/{link.Id}");
        Assert.False(info!.CanDownload);
    }

    [Fact]
    public async Task UploadAndMakeCurrent_ThroughAPlainLink_AreRefused()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access, change: r => r with { RequireEmail = true });
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);

        using var create = new HttpRequestMessage(HttpMethod.Post, $"/api/l/{link.Id}/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", TestFiles.NewCiphertext().Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var upload = await recipient.SendAsync(create);
        var makeCurrent = await recipient.PostAsync($"/api/l/{link.Id}/versions/1/make-current", null);
        var commit = await recipient.PostAsJsonAsync($"/api/l/{link.Id}/versions", TestFiles.NewCommit("none", "pdf", 1));

        await TestAccounts.AssertProblemAsync(upload, HttpStatusCode.Forbidden, ErrorCodes.LinkNotCooperative);
        await TestAccounts.AssertProblemAsync(makeCurrent, HttpStatusCode.Forbidden, ErrorCodes.LinkNotCooperative);
        await TestAccounts.AssertProblemAsync(commit, HttpStatusCode.Forbidden, ErrorCodes.LinkNotCooperative);
    }

    [Fact]
    public async Task SessionRoutes_WithTokenButNoSession_AskForASession()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);

        await TestAccounts.AssertProblemAsync(await client.GetAsync($"/api/l/{link.Id}"), HttpStatusCode.Unauthorized, ErrorCodes.LinkSessionRequired);
        var gate = await client.GetFromJsonAsync<LinkGateDto>($"/api/l/{link.Id}/gate");
        Assert.True(gate!.RequireEmail);
        Assert.True(gate.Cooperative);
    }

    [Fact]
    public async Task BrowserLoggedInAsAnOwner_CanStillUseARecipientPage_WhileOwnerWritesKeepTheirAntiforgeryCheck()
    {
        var link = await LinkKit.CreateAsync(factory);
        var browser = LinkKit.Recipient(factory, link);
        var login = await browser.PostAsJsonAsync("/api/accounts/login",
            new Coffer.Contracts.Accounts.LoginRequest(link.Owner.Email, Coffer.Server.Infrastructure.Security.Base64Url.Encode(link.Owner.AuthKey), "cookie"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var recipientWrite = await browser.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(TestAccounts.NewEmail()));
        var ownerWrite = await browser.PostAsJsonAsync("/api/links", LinkKit.NewRequest(link.File.Id, LinkPermissions.Access, LinkKit.NewToken()));

        Assert.Equal(HttpStatusCode.Accepted, recipientWrite.StatusCode);
        await TestAccounts.AssertProblemAsync(ownerWrite, HttpStatusCode.Forbidden, ErrorCodes.AntiforgeryFailed);
    }

    private static async Task<string> ShapeAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{(int)response.StatusCode} {problem.GetProperty("errorCode").GetString()} {problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}";
    }
}
