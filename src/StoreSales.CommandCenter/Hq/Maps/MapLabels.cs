namespace StoreSales.CommandCenter.Hq.Maps;

/// <summary>A store's name to place beside its dot; earlier candidates win the room.</summary>
public sealed record LabelCandidate(string Key, string Text, MapPoint Anchor, double DotRadius);

public sealed record PlacedLabel(string Key, string Text, MapBox Box, double TextX, double TextY);

/// <summary>
/// Which store names fit on the map, and where: greedy, in the order given (the caller puts the most important
/// first), each name tried right, left, above and below its dot and kept only where it overlaps no name already
/// placed, no dot and stays inside the view. A name that fits nowhere is left out (its dot's tooltip still names it):
/// a map with fewer names beats one whose names cover each other.
/// </summary>
public static class MapLabels
{
    public static IReadOnlyList<PlacedLabel> Place(IReadOnlyList<LabelCandidate> candidates, MapBox view, double fontSize)
    {
        var dots = candidates.Select(c => new MapBox(c.Anchor.X - c.DotRadius, c.Anchor.Y - c.DotRadius, 2 * c.DotRadius, 2 * c.DotRadius)).ToArray();
        var placed = new List<PlacedLabel>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (!view.Contains(dots[i]))
            {
                continue;
            }

            var width = TextWidth(candidate.Text, fontSize);
            var gap = candidate.DotRadius + fontSize * 0.3;
            foreach (var box in Around(candidate.Anchor, width, fontSize * 1.2, gap))
            {
                if (view.Contains(box)
                    && !placed.Any(p => p.Box.Intersects(box))
                    && !dots.Any(d => d.Intersects(box)))
                {
                    // The text's baseline sits a fifth of the line above the box's bottom.
                    placed.Add(new PlacedLabel(candidate.Key, candidate.Text, box, box.X, box.Bottom - fontSize * 0.25));
                    break;
                }
            }
        }

        return placed;
    }

    /// <summary>An upper estimate of the name's width: Chinese characters are a full em, Latin letters at most 0.62 em.</summary>
    public static double TextWidth(string text, double fontSize) =>
        text.Sum(c => c >= '\u2E80' ? 1.0 : 0.62) * fontSize;

    private static IEnumerable<MapBox> Around(MapPoint anchor, double width, double height, double gap)
    {
        yield return new MapBox(anchor.X + gap, anchor.Y - height / 2, width, height);
        yield return new MapBox(anchor.X - gap - width, anchor.Y - height / 2, width, height);
        yield return new MapBox(anchor.X - width / 2, anchor.Y - gap - height, width, height);
        yield return new MapBox(anchor.X - width / 2, anchor.Y + gap, width, height);
    }
}
