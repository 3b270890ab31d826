using System.Globalization;
using Coffer.Contracts.Links;
using Coffer.Server.Infrastructure.Mail;

namespace Coffer.Server.Features.Notifications;

/// <summary>
/// The mails of the links feature. None carries a link's secret (the server never has it) nor a link address: the owner
/// finds the link under Shared Links in the app, and a recipient types the code into the page they already have open.
/// </summary>
public static class LinkMailTemplates
{
    public static OutgoingMail RecipientCode(string to, string code, TimeSpan validFor) => MailTemplates.Compose(
        to,
        $"Your Coffer code: {code}",
        $"Your code to open the shared file is {code}. It is valid for {validFor.TotalMinutes:0} minutes and works once.",
        "Someone shared a file with this address through Coffer. If you did not ask for a code, ignore this mail.");

    public static OutgoingMail ActivityDigest(string to, string linkId, string permission, string extension, IReadOnlyList<LinkActivity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var kind = permission == LinkPermissions.Modify ? "cooperative link" : "shared link";
        var file = extension.Length == 0 ? "a file without extension" : $"a .{extension} file";
        var opened = activities.Where(a => a.Kind == LinkActivity.Opened).ToList();
        var updated = activities.Where(a => a.Kind == LinkActivity.Updated).ToList();
        var paragraphs = new List<string> { $"Activity on your {kind} {linkId} to {file}:" };
        if (opened.Count > 0)
        {
            paragraphs.Add($"Opened {(opened.Count == 1 ? "once" : $"{opened.Count} times")} by {Actors(opened)}.");
        }

        if (updated.Count > 0)
        {
            var versions = string.Join(", ", updated.Where(a => a.Version is not null).Select(a => a.Version!.Value.ToString(CultureInfo.InvariantCulture)));
            var count = updated.Count == 1 ? "1 new version" : $"{updated.Count} new versions";
            paragraphs.Add($"{count} added by {Actors(updated)}" + (versions.Length > 0 ? $" (version {versions})." : "."));
        }

        paragraphs.Add("Open Shared Links in Coffer to see the access log. You get this mail because you asked to be told when this link is opened or updated; turn it off in the link's options.");
        var subject = updated.Count > 0 ? "Coffer: new versions through your link" : "Coffer: your link was opened";
        return MailTemplates.Compose(to, subject, [.. paragraphs]);
    }

    private static string Actors(IEnumerable<LinkActivity> activities)
    {
        var actors = activities.Select(a => a.Actor ?? "an unverified recipient").Distinct(StringComparer.Ordinal).ToList();
        return string.Join(", ", actors);
    }
}
