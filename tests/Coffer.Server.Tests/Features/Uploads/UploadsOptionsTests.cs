using System.Globalization;
using System.Net;
using Coffer.Server.Features.Uploads;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class UploadsOptionsTests
{
    [Fact]
    public async Task ASmallerConfiguredLimit_IsEnforcedAndAdvertised()
    {
        var directory = UploadTestHost.NewDataDirectory();
        await using var host = await UploadTestHost.StartAsync(directory, new FakeTimeProvider(), ownsDirectory: true, maxPlaintextBytes: 1024 * 1024);

        using var options = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, UploadTestHost.UploadsPath));
        using var tooLarge = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Post, UploadTestHost.UploadsPath, configure: r =>
            r.Headers.Add("Upload-Length", SealedStreamLength.CiphertextLength((1024 * 1024) + 1).ToString(CultureInfo.InvariantCulture))));
        var atLimit = await host.CreateAsync(SealedStreamLength.CiphertextLength(1024 * 1024));

        Assert.Equal(SealedStreamLength.CiphertextLength(1024 * 1024).ToString(CultureInfo.InvariantCulture), options.Headers.GetValues("Tus-Max-Size").Single());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.NotNull(atLimit);
    }

    [Fact]
    public async Task AnInvalidLimit_FailsAtStart_NamingTheSetting()
    {
        var directory = UploadTestHost.NewDataDirectory();
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
                UploadTestHost.StartAsync(directory, new FakeTimeProvider(), ownsDirectory: false, maxPlaintextBytes: -1));

            Assert.Contains("MaxPlaintextBytes", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            UploadTestHost.DeleteDirectory(directory);
        }
    }
}
