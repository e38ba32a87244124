using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Benchmarks;

/// <summary>
/// A batch as the edge agent sends it: serialized once to bytes and posted with its length (<c>IngestClient</c>:
/// <c>ByteArrayContent</c>), not streamed in chunks as <c>PostAsJsonAsync</c> does, so the silo reads what it reads in
/// production. Web defaults, as the agent's <c>EdgeJson</c>; source-generated, though the driver's CPU per sale did not
/// move measurably (8.2–8.8 µs either way, docs/benchmarks.md "Ledger speed", 2026-12-07).
/// </summary>
internal static class SaleBatchBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static ByteArrayContent Of(SaleBatch batch)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(batch, SaleBatchJson.Default.SaleBatch));
        content.Headers.ContentType = Json;
        return content;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SaleBatch))]
internal sealed partial class SaleBatchJson : JsonSerializerContext;
