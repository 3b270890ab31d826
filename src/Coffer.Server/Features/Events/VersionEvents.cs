using System.Text.Json;
using Coffer.Contracts;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Files;

namespace Coffer.Server.Features.Events;

/// <summary>Publishes <c>version-added</c> to the file's pages (link recipients) and to its owner's pages.</summary>
public sealed class VersionEvents(IEventBus bus)
{
    public void Added(StoredFile file, FileVersion version)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(version);
        var data = JsonSerializer.Serialize(
            new VersionAddedEvent(version.FileId, version.Number, version.UploaderEmail, version.BasedOn, version.CreatedAt),
            CofferJsonContext.Default.VersionAddedEvent);
        bus.Publish(EventTopics.File(file.Id), LinkEventNames.VersionAdded, data);
        bus.Publish(EventTopics.Owner(file.OwnerId), LinkEventNames.VersionAdded, data);
    }
}
