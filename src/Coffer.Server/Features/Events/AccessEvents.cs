namespace Coffer.Server.Features.Events;

/// <summary>
/// Tells the streams open on a file that a link to it may just have stopped being usable (revoked, suspended by policy, file
/// trashed, session closed), so each stream asks its own check at once instead of at its next heartbeat.
/// </summary>
/// <remarks>
/// The event says nothing about which link: every recipient stream of the file re-checks, and only those whose link or session
/// no longer passes end. Owner streams of the file re-check their own session and stay open. It is published after the change
/// is committed, so the check reads the new state.
/// </remarks>
public sealed class AccessEvents(IEventBus bus)
{
    /// <summary>The control event's name; <see cref="ServerSentEvents"/> acts on it and never writes it to a client.</summary>
    public const string AccessChanged = "access-changed";

    public void Changed(Guid fileId) => bus.Signal(EventTopics.File(fileId), AccessChanged);

    public void Changed(IEnumerable<Guid> fileIds)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        foreach (var fileId in fileIds.Distinct())
        {
            Changed(fileId);
        }
    }
}
