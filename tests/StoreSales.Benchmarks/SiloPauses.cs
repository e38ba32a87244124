using System.Globalization;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// The silo's garbage collections as its <c>/metrics</c> shows them (.NET's System.Runtime meter): the time every
/// thread stood still for them, and how many of each generation. Read before and after a measurement to tell whether
/// a pause of the whole process could explain a slow ack.
/// </summary>
internal sealed record SiloPauses(double PauseSeconds, double Gen0, double Gen1, double Gen2)
{
    public static async Task<SiloPauses> Read(Uri silo)
    {
        var metrics = await ScrapedMetrics.Read(silo, CancellationToken.None);
        return new SiloPauses(
            metrics.Sum("dotnet_gc_pause_time_seconds_total"),
            metrics.Sum("dotnet_gc_collections_total", ("gc_heap_generation", "gen0")),
            metrics.Sum("dotnet_gc_collections_total", ("gc_heap_generation", "gen1")),
            metrics.Sum("dotnet_gc_collections_total", ("gc_heap_generation", "gen2")));
    }

    public SiloPauses Since(SiloPauses before) =>
        new(PauseSeconds - before.PauseSeconds, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PauseSeconds * 1000:0} ms paused in {Gen0 + Gen1 + Gen2:0} collections (gen0 {Gen0:0}, gen1 {Gen1:0}, gen2 {Gen2:0})");
}
