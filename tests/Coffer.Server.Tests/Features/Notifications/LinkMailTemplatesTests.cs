using Coffer.Server.Features.Notifications;

namespace Coffer.Server.Tests.Features.Notifications;

public sealed class LinkMailTemplatesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Digest_CountsOpensAndVersions_NamesEachActorOnce()
    {
        LinkActivity[] activities =
        [
            new("L", LinkActivity.Opened, "a@example.com", null, At),
            new("L", LinkActivity.Opened, "b@example.com", null, At),
            new("L", LinkActivity.Opened, "a@example.com", null, At),
            new("L", LinkActivity.Updated, "b@example.com", 4, At),
            new("L", LinkActivity.Updated, "b@example.com", 5, At),
        ];

        var mail = LinkMailTemplates.ActivityDigest("owner@example.com", "L", "modify", "pdf", activities);

        Assert.Equal("owner@example.com", mail.To);
        Assert.Contains("cooperative link L to a .pdf file", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Opened 3 times by a@example.com, b@example.com.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2 new versions added by b@example.com (version 4, 5).", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Opened 3 times by a@example.com, b@example.com.</p>", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void RecipientCode_HasTheCodeInBothParts_AndNoAddress()
    {
        var mail = LinkMailTemplates.RecipientCode("r@example.com", "123456", TimeSpan.FromMinutes(10));

        Assert.Contains("123456", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("123456", mail.Text, StringComparison.Ordinal);
        Assert.Contains("123456", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", mail.Text + mail.Html, StringComparison.OrdinalIgnoreCase);
    }
}
