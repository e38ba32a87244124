using System.Globalization;
using System.Text;

namespace StoreSales.Edge.Simulator;

/// <summary>
/// Prints a simulated sale as a POS would on an 80 mm ESC/POS receipt printer (UTF-8 text, 42 columns):
/// initialize, a double-size centred header, the receipt fields, each item as a "GTIN name" line and an
/// indented "quantity x price  amount" line (and a discount line under it), a bold total, the tenders, a
/// CODE128 bar code of the receipt number, feed, a drawer kick when cash was taken, and a partial cut. The agent's
/// <c>simulator</c> receipt profile reads this layout. At closing time it prints the day-end report (<see cref="RenderZ"/>).
/// </summary>
public static class ReceiptPrinter
{
    private const int Width = 42;

    public static byte[] Render(SimulatedSale sale, string terminalId)
    {
        var bytes = new List<byte>(1024);
        void Raw(params byte[] command) => bytes.AddRange(command);
        void Line(string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text + "\n"));

        Raw(0x1B, (byte)'@');                       // ESC @ initialize
        Raw(0x1B, (byte)'t', 0);                    // ESC t 0 code table PC437 (the text is UTF-8 ASCII anyway)
        Raw(0x1B, (byte)'a', 1);                    // ESC a 1 centre
        Raw(0x1D, (byte)'!', 0x11);                 // GS ! double width and height
        Line("STORESALES DEMO");
        Raw(0x1D, (byte)'!', 0x00);
        Line($"Terminal {terminalId}");
        Raw(0x1B, (byte)'a', 0);                    // ESC a 0 left
        Line($"Receipt: {sale.ReceiptNumber}");
        Line($"Cashier: {sale.CashierId}");
        Line(string.Create(CultureInfo.InvariantCulture, $"Time:    {sale.RungUpAt:yyyy-MM-dd HH:mm:ss zzz}"));
        if (sale.MemberId is not null)
        {
            Line($"Member:  {sale.MemberId}");
        }

        Line(new string('-', Width));
        foreach (var line in sale.Lines)
        {
            Line($"{line.Item.Gtin} {line.Item.Name}");
            Line(Columns(string.Create(CultureInfo.InvariantCulture, $"   {line.Quantity} x {Money(line.Item.UnitPrice)}"), Money(line.Quantity * line.Item.UnitPrice)));
            if (line.Discount != 0)
            {
                Line(Columns("   Discount", Money(-line.Discount)));
            }
        }

        Line(new string('-', Width));
        Raw(0x1B, (byte)'E', 1);                    // ESC E 1 bold
        Line(Columns("TOTAL", Money(sale.Total)));
        Raw(0x1B, (byte)'E', 0);
        foreach (var (method, amount) in sale.Tenders)
        {
            Line(Columns(method.ToUpperInvariant(), Money(amount)));
        }

        Line("");
        Raw(0x1B, (byte)'a', 1);
        Line("Thank you for shopping!");
        var code = Encoding.ASCII.GetBytes("{B" + sale.ReceiptNumber);
        Raw(0x1D, (byte)'h', 60);                   // GS h bar code height
        Raw(0x1D, (byte)'k', 73, (byte)code.Length); // GS k 73 n: CODE128
        Raw(code);
        Raw(0x0A);
        Raw(0x1B, (byte)'a', 0);
        Raw(0x1B, (byte)'d', 4);                    // ESC d 4 feed
        if (sale.Tenders.Any(t => t.Method == "cash"))
        {
            Raw(0x1B, (byte)'p', 0, 25, 250);       // ESC p drawer kick
        }

        Raw(0x1D, (byte)'V', 66, 0);                // GS V 66 0 partial cut

        return [.. bytes];
    }

    /// <summary>
    /// The day-end report (Z, 日结) as the till prints it at closing time: a "*** Z REPORT ***" title, the Z number,
    /// business day and closing time, the number of sales, gross, returns and voids, the takings per tender, and a cut.
    /// </summary>
    public static byte[] RenderZ(DayEndTotals z)
    {
        var bytes = new List<byte>(512);
        void Raw(params byte[] command) => bytes.AddRange(command);
        void Line(string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text + "\n"));

        Raw(0x1B, (byte)'@');
        Raw(0x1B, (byte)'a', 1);
        Raw(0x1D, (byte)'!', 0x11);
        Line("STORESALES DEMO");
        Raw(0x1D, (byte)'!', 0x00);
        Line($"Terminal {z.TerminalId}");
        Raw(0x1B, (byte)'E', 1);
        Line("*** Z REPORT ***");
        Raw(0x1B, (byte)'E', 0);
        Raw(0x1B, (byte)'a', 0);
        Line($"Z No:    {z.ZNumber}");
        Line(string.Create(CultureInfo.InvariantCulture, $"Business day: {z.BusinessDay:yyyy-MM-dd}"));
        Line(string.Create(CultureInfo.InvariantCulture, $"Time:    {z.ClosedAt:yyyy-MM-dd HH:mm:ss zzz}"));
        Line(new string('-', Width));
        Line(Columns("SALES", z.Count.ToString(CultureInfo.InvariantCulture)));
        Line(Columns("GROSS", Money(z.Gross)));
        Line(Columns("RETURNS", Money(0)));
        Line(Columns("VOIDS", "0"));
        Line(new string('-', Width));
        foreach (var (method, amount) in z.Tenders)
        {
            Line(Columns(method.ToUpperInvariant(), Money(amount)));
        }

        Raw(0x1B, (byte)'d', 4);
        Raw(0x1D, (byte)'V', 66, 0);
        return [.. bytes];
    }

    private static string Columns(string left, string right) =>
        left + new string(' ', Math.Max(1, Width - left.Length - right.Length)) + right;

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
