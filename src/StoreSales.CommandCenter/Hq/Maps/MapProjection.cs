namespace StoreSales.CommandCenter.Hq.Maps;

/// <summary>
/// Longitude and latitude to map units, the one projection of the HQ map (outlines, dots and zoom alike):
/// equirectangular with longitudes shortened by the cosine of 35° N, China's middle latitude, so that provinces keep
/// their shape; ten units to a degree of latitude, north up, the origin at 73° E 54° N (China's north-west corner).
/// </summary>
public static class MapProjection
{
    public const double UnitsPerDegree = 10;
    private const double West = 73;
    private const double North = 54;
    private static readonly double LongitudeScale = Math.Cos(35 * Math.PI / 180);

    public static MapPoint Project(double longitude, double latitude) =>
        new((longitude - West) * LongitudeScale * UnitsPerDegree, (North - latitude) * UnitsPerDegree);
}

public readonly record struct MapPoint(double X, double Y);

/// <summary>An axis-aligned box in map units (labels, dots, a province's extent, the view).</summary>
public readonly record struct MapBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>Boxes that only touch do not intersect: two labels side by side are both readable.</summary>
    public bool Intersects(MapBox other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(MapBox inner) =>
        inner.X >= X && inner.Y >= Y && inner.Right <= Right && inner.Bottom <= Bottom;

    public static MapBox Around(IEnumerable<MapPoint> points)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        return minX > maxX ? default : new MapBox(minX, minY, maxX - minX, maxY - minY);
    }

    /// <summary>This box grown by <paramref name="margin"/> of its size on each side and widened or heightened to <paramref name="aspect"/> (width / height).</summary>
    public MapBox Framed(double margin, double aspect)
    {
        var width = Math.Max(Width, 1) * (1 + 2 * margin);
        var height = Math.Max(Height, 1) * (1 + 2 * margin);
        if (width / height < aspect)
        {
            width = height * aspect;
        }
        else
        {
            height = width / aspect;
        }

        return new MapBox(X + Width / 2 - width / 2, Y + Height / 2 - height / 2, width, height);
    }
}
