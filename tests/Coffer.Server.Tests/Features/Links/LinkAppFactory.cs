using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Links;

/// <summary>The real server with the per-IP limit of recipient routes lifted (every test request comes from the same address).</summary>
public class LinkAppFactory : CofferAppFactory
{
    public LinkAppFactory()
    {
    }

    protected LinkAppFactory(string root)
        : base(root)
    {
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Recipients:PerIpPerMinute"] = "100000";
        return settings;
    }
}
