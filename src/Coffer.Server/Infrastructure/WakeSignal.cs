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

    /// <summary>
    /// Runs <paramref name="step"/> until <paramref name="stoppingToken"/> fires: each run returns how long to sleep before the
    /// next (a <see cref="Wake"/> ends the sleep early); a failing run goes to <paramref name="failed"/> and the loop sleeps
    /// <paramref name="failurePause"/>.
    /// </summary>
    public async Task RunAsync(
        Func<CancellationToken, Task<TimeSpan>> step, Action<Exception> failed, TimeSpan failurePause, TimeProvider time, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    wait = await step(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    failed(error);
                    wait = failurePause;
                }

                await WaitAsync(wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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
