namespace StoreSales.CommandCenter.Hq.Maps;

/// <summary>A store's name to place beside its dot; earlier candidates win the room.</summary>
public sealed record LabelCandidate(string Key, string Text, MapPoint Anchor, double DotRadius);

/// <summary>A placed name: its room on the map, and where its text starts, ends or is centred (<see cref="TextAnchor"/>, as SVG says it).</summary>
public sealed record PlacedLabel(string Key, string Text, MapBox Box, double TextX, double TextY, string TextAnchor);

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
            foreach (var (box, anchor) in Around(candidate.Anchor, width, fontSize * 1.2, gap))
            {
                if (view.Contains(box)
                    && !placed.Any(p => p.Box.Intersects(box))
                    && !dots.Any(d => d.Intersects(box)))
                {
                    // The text hugs its dot (the width is an upper estimate); its baseline sits a fifth of the line above the box's bottom.
                    var x = anchor switch { "end" => box.Right, "middle" => box.X + box.Width / 2, _ => box.X };
                    placed.Add(new PlacedLabel(candidate.Key, candidate.Text, box, x, box.Bottom - fontSize * 0.25, anchor));
                    break;
                }
            }
        }

        return placed;
    }

    /// <summary>An upper estimate of the name's width (the browser's font is not known here): Chinese characters are a full em, Latin ones at most 0.7 em.</summary>
    public static double TextWidth(string text, double fontSize) =>
        text.Sum(c => c >= '\u2E80' ? 1.0 : 0.7) * fontSize;

    private static IEnumerable<(MapBox Box, string TextAnchor)> Around(MapPoint anchor, double width, double height, double gap)
    {
        yield return (new MapBox(anchor.X + gap, anchor.Y - height / 2, width, height), "start");
        yield return (new MapBox(anchor.X - gap - width, anchor.Y - height / 2, width, height), "end");
        yield return (new MapBox(anchor.X - width / 2, anchor.Y - gap - height, width, height), "middle");
        yield return (new MapBox(anchor.X - width / 2, anchor.Y + gap, width, height), "middle");
    }
}
