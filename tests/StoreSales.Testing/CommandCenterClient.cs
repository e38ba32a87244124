using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace StoreSales.Testing;

/// <summary>
/// What a browser or a TV board does against a running command center, wherever it runs (in this process or its
/// own): plain HTTP, sign-in as demo staff, SignalR on <c>/hubs/live</c>.
/// </summary>
public sealed class CommandCenterClient(Uri baseAddress)
{
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>A client with no sign-in: every API answers it 401.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A client signed in as one of the demo staff (<see cref="DemoLogins"/>), its cookie kept.</summary>
    public async Task<HttpClient> CreateSignedInClient(string userName)
    {
        var (client, _) = await SignIn(userName);
        return client;
    }

    /// <summary>A real SignalR client on <c>/hubs/live</c> carrying the sign-in cookie of a demo staff member.</summary>
    public Task<HubConnection> CreateSignedInHubConnection(string userName) =>
        CreateSignedInHubConnection(userName, Microsoft.AspNetCore.Http.Connections.HttpTransports.All);

    /// <summary>
    /// The same on the given transports only: long polling makes every message a request of its own, so behind a gateway it
    /// proves that all of a connection's requests reach one node.
    /// </summary>
    public async Task<HubConnection> CreateSignedInHubConnection(string userName, Microsoft.AspNetCore.Http.Connections.HttpTransportType transports)
    {
        var (client, cookies) = await SignIn(userName);
        client.Dispose();
        return new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/live"), o =>
            {
                o.Cookies = cookies;
                o.Transports = transports;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
    }

    /// <summary>A real SignalR client on <c>/hubs/live</c>, with enums as strings like the browser sees them.</summary>
    public HubConnection CreateHubConnection() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/live"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();

    /// <summary>Signs in as a browser does; the cookies (sign-in, and a gateway's node affinity) stay in the container.</summary>
    public async Task<(HttpClient Client, System.Net.CookieContainer Cookies)> SignIn(string userName)
    {
        var cookies = new System.Net.CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/account/sign-in", new { userName, password = DemoLogins.Password });
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as '{userName}' failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (client, cookies);
    }
}
