namespace Coffer.Server.Infrastructure;

/// <summary>Wakes a background loop early (new work was committed); the loop otherwise sleeps until its next due time.</summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another caller woke it at the same moment; once is enough.
        }
    }

    /// <summary>Returns when woken, when <paramref name="timeout"/> has passed on <paramref name="time"/>, or throws when stopping.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken stoppingToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _wake.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The timeout: time to look again.
        }
    }
}
