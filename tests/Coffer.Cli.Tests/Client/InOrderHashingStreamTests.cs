using System.Security.Cryptography;
using Coffer.Client.Uploads;

namespace Coffer.Cli.Tests.Client;

public sealed class InOrderHashingStreamTests
{
    [Fact]
    public void RereadsAndRetries_HashEveryByteExactlyOnce()
    {
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        using var stream = new InOrderHashingStream(new MemoryStream(bytes));
        var buffer = new byte[4000];
        stream.ReadExactly(buffer, 0, 4000);
        stream.Position = 1000;
        stream.ReadExactly(buffer, 0, 4000);
        stream.Position = 0;
        stream.ReadExactly(buffer, 0, 100);
        stream.Position = 5000;
        while (stream.Read(buffer) > 0)
        {
        }

        Assert.False(stream.HasGap);
        Assert.Equal(10_000, stream.HashedLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stream.CurrentHex());
    }

    [Fact]
    public void AReadPastTheFrontier_IsReportedAsAGap()
    {
        using var stream = new InOrderHashingStream(new MemoryStream(new byte[100]));
        stream.Position = 50;
        stream.ReadExactly(new byte[10]);
        Assert.True(stream.HasGap);
        Assert.Equal(0, stream.HashedLength);
    }
}
