using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace StoreSales.EndToEnd.Tests.Authorization;

/// <summary>One operation of a host's OpenAPI document: its method, its route template and the parameters it requires.</summary>
public sealed record OpenApiOperation(
    string Method, string Route, IReadOnlyList<string> PathParameters, IReadOnlyList<string> RequiredQuery, IReadOnlyDictionary<string, string> Formats, string? BodyType)
{
    /// <summary>An id of a typed route parameter (<c>{approvalId:long}</c>, a GUID) that no row has: the route matches and the id is unknown.</summary>
    private static readonly Dictionary<string, string> UnknownOfFormat = new()
    {
        ["integer"] = "987654321",
        ["uuid"] = "00000000-0000-0000-0000-00000000abcd",
    };

    /// <summary>The matrix key: <c>GET /api/stores/{storeId}/progress</c>.</summary>
    public string Key => $"{Method} {Route}";

    /// <summary>Reads every operation of the document the host serves at <c>/openapi/v1.json</c>.</summary>
    public static async Task<IReadOnlyList<OpenApiOperation>> Read(Uri host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host };
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json", cancellationToken);
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name == "parameters")
                {
                    continue;
                }

                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var bodyType = operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
                    ? content.EnumerateObject().Select(c => c.Name).FirstOrDefault()
                    : null;
                operations.Add(new OpenApiOperation(
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList(),
                    parameters.Where(p => p.GetProperty("in").GetString() == "query" && p.TryGetProperty("required", out var r) && r.GetBoolean())
                        .Select(p => p.GetProperty("name").GetString()!).ToList(),
                    parameters.Where(p => p.TryGetProperty("schema", out _)).ToDictionary(p => p.GetProperty("name").GetString()!, Format),
                    bodyType));
            }
        }

        return operations;
    }

    private static string Format(JsonElement parameter)
    {
        var schema = parameter.GetProperty("schema");
        return schema.TryGetProperty("format", out var format) && format.GetString() == "uuid" ? "uuid"
            : schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()!
            : "string";
    }

    /// <summary>
    /// The request the matrix sends: route values from the demo chain (a parameter the table of values lacks is an error
    /// naming it), and an empty JSON object as the body of a write, so that whoever passes the access check is stopped by
    /// validation and nothing in the chain changes.
    /// </summary>
    public HttpRequestMessage Request(IReadOnlyDictionary<string, string> values)
    {
        var path = Route;
        foreach (var name in PathParameters)
        {
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(ValueOf(name, values)), StringComparison.Ordinal);
        }

        if (RequiredQuery.Count > 0)
        {
            path += "?" + string.Join("&", RequiredQuery.Select(name => $"{name}={Uri.EscapeDataString(ValueOf(name, values))}"));
        }

        var request = new HttpRequestMessage(new HttpMethod(Method), path);
        request.Content = BodyType switch
        {
            null when Method is "POST" or "PUT" or "PATCH" => JsonContent.Create(new { }),
            null => null,
            "application/json" => JsonContent.Create(new { }),
            "multipart/form-data" => new MultipartFormDataContent(),
            _ => new ByteArrayContent([]) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(BodyType) } },
        };

        return request;
    }

    /// <summary>The parameters the route values give no value for (all of them, so that one run names every one).</summary>
    public IEnumerable<string> Unfilled(IReadOnlyDictionary<string, string> values) =>
        PathParameters.Concat(RequiredQuery).Where(name => TryValueOf(name, values) is null).Select(name => $"{Key}: {name}");

    private string ValueOf(string name, IReadOnlyDictionary<string, string> values) =>
        TryValueOf(name, values)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The matrix has no value for parameter '{name}' of {Key}: add one to the route values."));

    /// <summary>
    /// By name; a parameter named for no kind of thing (<c>/targets/regions/{subjectId}</c>) takes the value of the kind its
    /// route names just before it (<c>regions</c> → <c>regionId</c>).
    /// </summary>
    private string? TryValueOf(string name, IReadOnlyDictionary<string, string> values)
    {
        if (Formats.TryGetValue(name, out var format) && UnknownOfFormat.TryGetValue(format, out var unknown))
        {
            return unknown;
        }

        if (values.TryGetValue(name, out var value))
        {
            return value;
        }

        var segments = Route.Split('/');
        var at = Array.IndexOf(segments, "{" + name + "}");
        return at > 0 && segments[at - 1].EndsWith('s') && values.TryGetValue(segments[at - 1][..^1] + "Id", out var byKind) ? byKind : null;
    }
}
