using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Notifications;

/// <summary>
/// A real HTTP server (Kestrel, loopback) that answers as WeCom and DingTalk do and checks what they check: the WeCom
/// robot's key and text message, the WeCom application's token exchange and message, the DingTalk robot's access token
/// and signature (recomputed here from the documented scheme, not by the code under test). Each request is kept with
/// what was wrong with it, if anything. <see cref="FailNext"/> makes the next requests answer 503.
/// </summary>
public sealed class ProviderReceiver : IAsyncDisposable
{
    public const string RobotKey = "robot-key-7f3a9c1e";
    public const string CorpId = "ww-corp-1";
    public const int AgentId = 1000002;
    public const string AppSecret = "app-secret-0b5d2e8f";
    public const string DingTalkToken = "ding-access-4c1f77aa";
    public const string DingTalkSecret = "SECding-signing-9e2b6d31";

    private readonly WebApplication _app;
    private readonly FakeTimeProvider _clock;
    private int _failNext;
    private int _tokenSerial;

    private ProviderReceiver(WebApplication app, FakeTimeProvider clock, string baseUrl)
    {
        _app = app;
        _clock = clock;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Every message request received (not token requests), in order.</summary>
    public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

    public int TokenRequests => Volatile.Read(ref _tokenSerial);

    /// <summary>The next <paramref name="count"/> message requests answer HTTP 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public static async Task<ProviderReceiver> Start(FakeTimeProvider clock)
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new ProviderReceiver(app, clock, $"http://127.0.0.1:{port}");
        app.MapPost("/cgi-bin/webhook/send", (Func<HttpContext, Task<IResult>>)receiver.WeComRobot);
        app.MapGet("/cgi-bin/gettoken", (Func<HttpContext, IResult>)receiver.WeComToken);
        app.MapPost("/cgi-bin/message/send", (Func<HttpContext, Task<IResult>>)receiver.WeComApp);
        app.MapPost("/robot/send", (Func<HttpContext, Task<IResult>>)receiver.DingTalk);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> WeComRobot(HttpContext context)
    {
        var body = await Body(context);
        var problems = new List<string>();
        Check(problems, context.Request.Query["key"] == RobotKey, "wrong webhook key");
        Check(problems, body.GetProperty("msgtype").GetString() == "text", "msgtype is not text");
        var text = body.GetProperty("text");
        Check(problems, text.GetProperty("content").GetString() is { Length: > 0 }, "no text content");
        var mentioned = text.TryGetProperty("mentioned_list", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return Answer(new ReceivedMessage("wecom-robot", text.GetProperty("content").GetString()!, null, mentioned, problems));
    }

    private IResult WeComToken(HttpContext context)
    {
        var serial = Interlocked.Increment(ref _tokenSerial);
        return context.Request.Query["corpid"] == CorpId && context.Request.Query["corpsecret"] == AppSecret
            ? Results.Json(new { errcode = 0, errmsg = "ok", access_token = $"token-{serial}", expires_in = 7200 })
            : Results.Json(new { errcode = 40001, errmsg = "invalid credential" });
    }

    private async Task<IResult> WeComApp(HttpContext context)
    {
        var body = await Body(context);
        var problems = new List<string>();
        Check(problems, context.Request.Query["access_token"] == $"token-{TokenRequests}", "not the current access token");
        Check(problems, body.GetProperty("agentid").GetInt32() == AgentId, "wrong agent id");
        Check(problems, body.GetProperty("msgtype").GetString() == "text", "msgtype is not text");
        Check(problems, body.TryGetProperty("enable_duplicate_check", out var dup) && dup.GetInt32() == 1, "duplicate check off");
        return Answer(new ReceivedMessage("wecom-app", body.GetProperty("text").GetProperty("content").GetString()!, body.GetProperty("touser").GetString(), [], problems));
    }

    private async Task<IResult> DingTalk(HttpContext context)
    {
        var body = await Body(context);
        var problems = new List<string>();
        Check(problems, context.Request.Query["access_token"] == DingTalkToken, "wrong access token");
        var timestamp = long.Parse(context.Request.Query["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Check(problems, Math.Abs(_clock.GetUtcNow().ToUnixTimeMilliseconds() - timestamp) < 3_600_000, "timestamp more than an hour off");
        // DingTalk's documented scheme: HMAC-SHA256 over "{timestamp}\n{secret}" keyed by the secret, Base64. The query
        // string arrives URL-decoded here, so it must equal the Base64 text itself.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(DingTalkSecret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + DingTalkSecret)));
        Check(problems, context.Request.Query["sign"] == expected, "signature does not match");
        Check(problems, body.GetProperty("msgtype").GetString() == "markdown", "msgtype is not markdown");
        var markdown = body.GetProperty("markdown");
        Check(problems, markdown.GetProperty("title").GetString() is { Length: > 0 }, "no title");
        return problems.Contains("signature does not match")
            ? Results.Json(new { errcode = 310000, errmsg = "sign not match" })
            : Answer(new ReceivedMessage("dingtalk-robot", markdown.GetProperty("text").GetString()!, null, [], problems));
    }

    private IResult Answer(ReceivedMessage message)
    {
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Messages.Enqueue(message);
        return Results.Json(new { errcode = 0, errmsg = "ok", msgid = $"msg-{Messages.Count}" });
    }

    private static async Task<JsonElement> Body(HttpContext context) =>
        (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }
}

/// <summary>One message as a provider received it: its channel, text, addressee (WeCom app), mentions and what was wrong.</summary>
public sealed record ReceivedMessage(string Channel, string Text, string? ToUser, IReadOnlyList<string> Mentioned, IReadOnlyList<string> Problems);
