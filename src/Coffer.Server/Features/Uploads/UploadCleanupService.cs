using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Uploads;

/// <summary>Runs the <see cref="UploadSweeper"/> at start and then every <c>Uploads:CleanupInterval</c>, on the injected clock.</summary>
internal sealed partial class UploadCleanupService(
    UploadSweeper sweeper,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    ILogger<UploadCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Upload sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
