using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StoreSales.CommandCenter.Hq.Maps;

/// <summary>One province: its outline as an SVG path in map units, its extent for zooming, its rings for "which province is this store in".</summary>
public sealed record Province(string Id, string Name, string NameZh, string Path, MapBox Bounds, ImmutableArray<ImmutableArray<MapPoint>> Rings)
{
    public string NameIn(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" ? NameZh : Name;

    /// <summary>Even-odd ray casting over the outer rings (the data has no holes).</summary>
    public bool Contains(MapPoint point)
    {
        if (point.X < Bounds.X || point.X > Bounds.Right || point.Y < Bounds.Y || point.Y > Bounds.Bottom)
        {
            return false;
        }

        var inside = false;
        foreach (var ring in Rings)
        {
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Y > point.Y) != (b.Y > point.Y) && point.X < (b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y) + a.X)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }
}

/// <summary>
/// China's provinces from Natural Earth (public domain; see README.md beside this file), projected once when first
/// asked for: every HQ page shares the same paths.
/// </summary>
public static class ProvinceOutlines
{
    private static readonly Lazy<ImmutableArray<Province>> Loaded = new(Load);

    public static ImmutableArray<Province> All => Loaded.Value;

    /// <summary>The extent of the whole country, the map's starting view.</summary>
    public static MapBox China => MapBox.Around(All.SelectMany(p => new[] { new MapPoint(p.Bounds.X, p.Bounds.Y), new MapPoint(p.Bounds.Right, p.Bounds.Bottom) }));

    public static Province? At(MapPoint point) => All.FirstOrDefault(p => p.Contains(point));

    private static ImmutableArray<Province> Load()
    {
        using var stream = typeof(ProvinceOutlines).Assembly.GetManifestResourceStream("StoreSales.CommandCenter.china-provinces.json")
            ?? throw new InvalidOperationException("The province outlines are not embedded in the command center's assembly.");
        using var document = JsonDocument.Parse(stream);
        var provinces = ImmutableArray.CreateBuilder<Province>();
        foreach (var province in document.RootElement.GetProperty("provinces").EnumerateArray())
        {
            var rings = province.GetProperty("rings").EnumerateArray()
                .Select(ring => ring.EnumerateArray().Select(p => MapProjection.Project(p[0].GetDouble(), p[1].GetDouble())).ToImmutableArray())
                .ToImmutableArray();
            provinces.Add(new Province(
                province.GetProperty("id").GetString()!,
                province.GetProperty("name").GetString()!,
                province.GetProperty("nameZh").GetString()!,
                PathOf(rings),
                MapBox.Around(rings.SelectMany(r => r)),
                rings));
        }

        return provinces.ToImmutable();
    }

    private static string PathOf(ImmutableArray<ImmutableArray<MapPoint>> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length; i++)
            {
                path.Append(i == 0 ? 'M' : 'L')
                    .Append(ring[i].X.ToString("0.#", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(ring[i].Y.ToString("0.#", CultureInfo.InvariantCulture));
            }

            path.Append('Z');
        }

        return path.ToString();
    }
}
