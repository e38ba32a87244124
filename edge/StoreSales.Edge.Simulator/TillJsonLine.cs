using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StoreSales.Edge.Simulator;

/// <summary>
/// The JSON-lines form of a till line (see the agent's README, "JSON lines"), made from the pipe line the generator
/// writes, so that both forms of one sale carry exactly the same values. Money goes out as JSON numbers with the
/// decimal's own scale (3.50, not 3.5), as a careful till firmware would write it.
/// </summary>
public static class TillJsonLine
{
    public static string FromPipe(string pipeLine)
    {
        var f = pipeLine.Split('|');
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            switch (f[0])
            {
                case "S":
                    json.WriteString("type", "start");
                    json.WriteString("kind", f[1]);
                    Text(json, "receiptNo", f[2]);
                    json.WriteString("time", f[3]);
                    Text(json, "cashierId", f[4]);
                    Text(json, "memberId", f[5]);
                    Text(json, "repId", f[6]);
                    break;
                case "L":
                    json.WriteString("type", "line");
                    json.WriteString("itemCode", f[1]);
                    json.WriteNumber("quantity", Money(f[2]));
                    json.WriteNumber("unitPrice", Money(f[3]));
                    json.WriteNumber("discount", Money(f[4]));
                    json.WriteNumber("amount", Money(f[5]));
                    break;
                case "T":
                    json.WriteString("type", "total");
                    json.WriteNumber("total", Money(f[1]));
                    Tenders(json, f[2]);
                    break;
                case "Z":
                    json.WriteString("type", "z");
                    Text(json, "zNumber", f[1]);
                    json.WriteString("businessDay", f[2]);
                    json.WriteString("time", f[3]);
                    json.WriteNumber("count", int.Parse(f[4], CultureInfo.InvariantCulture));
                    json.WriteNumber("gross", Money(f[5]));
                    json.WriteNumber("returns", Money(f[6]));
                    json.WriteNumber("voids", int.Parse(f[7], CultureInfo.InvariantCulture));
                    Tenders(json, f[8]);
                    break;
                default:
                    throw new ArgumentException($"not a till line: {pipeLine}", nameof(pipeLine));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary><c>method:amount,…</c> as the array of {method, amount}.</summary>
    private static void Tenders(Utf8JsonWriter json, string tenders)
    {
        json.WriteStartArray("tenders");
        foreach (var tender in tenders.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = tender.IndexOf(':', StringComparison.Ordinal);
            json.WriteStartObject();
            json.WriteString("method", tender[..colon]);
            json.WriteNumber("amount", Money(tender[(colon + 1)..]));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>An optional text field: left out when empty, as a till would.</summary>
    private static void Text(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0)
        {
            json.WriteString(name, value);
        }
    }

    private static decimal Money(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
