using System.Globalization;
using System.Text.RegularExpressions;
using StoreSales.Edge.Devices.Hid;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>
/// Reads the output of <c>evtest /dev/input/by-id/…-event-kbd</c>, so a capture from a real scanner can be pasted
/// into a test as it is. Lines other than events (the header, blank lines) are skipped.
/// </summary>
internal static partial class EvtestTranscript
{
    public static IReadOnlyList<InputEvent> Parse(string transcript)
    {
        var events = new List<InputEvent>();
        foreach (var line in transcript.Split('\n'))
        {
            var match = EventLine().Match(line.Trim());
            if (!match.Success)
            {
                continue;
            }

            var seconds = long.Parse(match.Groups["sec"].Value, CultureInfo.InvariantCulture);
            var micros = long.Parse(match.Groups["usec"].Value, CultureInfo.InvariantCulture);
            if (match.Groups["syn"].Success)
            {
                events.Add(new InputEvent(seconds, micros, EventTypes.Syn, EventTypes.SynReport, 0));
                continue;
            }

            var type = ushort.Parse(match.Groups["type"].Value, CultureInfo.InvariantCulture);
            var code = ushort.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture);

            // evtest prints MSC_SCAN values in hex, everything else in decimal.
            var value = type == EventTypes.Msc
                ? int.Parse(match.Groups["value"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : int.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            events.Add(new InputEvent(seconds, micros, type, code, value));
        }

        return events;
    }

    [GeneratedRegex(@"^Event: time (?<sec>\d+)\.(?<usec>\d{6}), (?:type (?<type>\d+) \(\w+\), code (?<code>\d+) \(\w+\), value (?<value>-?[0-9a-fA-F]+)|(?<syn>-+ SYN_REPORT -+))$")]
    private static partial Regex EventLine();
}
