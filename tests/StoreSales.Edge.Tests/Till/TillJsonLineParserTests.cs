using StoreSales.Edge.Devices.Till;

namespace StoreSales.Edge.Tests.Till;

/// <summary>The JSON form of the till line protocol: the same records as the pipe form, by the same field rules.</summary>
public sealed class TillJsonLineParserTests
{
    private const string Start = """{"type":"start","kind":"sale","receiptNo":"R-0001","time":"2025-06-01T10:15:30+08:00","cashierId":"C01","memberId":"M123","repId":null}""";

    private static TillLine Parse(string text)
    {
        Assert.True(TillLineParser.TryParse(text, out var line, out var error), error);
        return line!;
    }

    [Fact]
    public void Start_object_is_the_same_record_as_its_pipe_line()
    {
        Assert.Equal(Parse("S|sale|R-0001|2025-06-01T10:15:30+08:00|C01|M123|"), Parse(Start));
    }

    [Fact]
    public void Start_with_only_kind_and_time_leaves_the_rest_empty_and_blank_strings_count_as_absent()
    {
        var start = Assert.IsType<TillSaleStart>(Parse("""{"type":"start","kind":" Return ","time":"2025-06-01T02:15:30.25Z","cashierId":"  "}"""));
        Assert.Equal(new TillSaleStart("return", null, new DateTimeOffset(2025, 6, 1, 2, 15, 30, 250, TimeSpan.Zero), null, null, null), start);
    }

    [Fact]
    public void Item_line_as_numbers_and_as_numeric_strings_is_the_same_record_as_its_pipe_line()
    {
        var pipe = Parse("L|6920433218190|2|3.50|0.35|6.65");
        Assert.Equal(pipe, Parse("""{"type":"line","itemCode":"6920433218190","quantity":2,"unitPrice":3.50,"discount":0.35,"amount":6.65}"""));
        Assert.Equal(pipe, Parse("""{"type":"line","itemCode":"6920433218190","quantity":"2","unitPrice":"3.50","discount":" 0.35","amount":"6.65"}"""));
    }

    [Fact]
    public void Money_keeps_its_decimal_places_and_sign()
    {
        var line = Assert.IsType<TillSaleLine>(Parse("""{"type":"line","itemCode":"A","quantity":-1,"unitPrice":3.10,"discount":0,"amount":-3.10}"""));
        Assert.Equal("-3.10", line.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-1m, line.Quantity);
    }

    [Fact]
    public void Total_with_tenders_and_a_void_with_none()
    {
        Assert.Equal(
            Parse("T|6.65|Cash:5.00,card:1.65"),
            Parse("""{"type":"total","total":6.65,"tenders":[{"method":"Cash","amount":5.00},{"method":"card","amount":"1.65"}]}"""),
            TotalComparer.Instance);
        var none = Assert.IsType<TillSaleTotal>(Parse("""{"type":"total","total":0,"tenders":[]}"""));
        Assert.Empty(none.Tenders);
    }

    [Fact]
    public void Unknown_properties_at_any_depth_are_ignored()
    {
        var line = Parse("""{"v":2,"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"discount":0,"amount":2,"name":"茶","tax":{"rate":0.13,"codes":[1,2]},"flags":[true,null]}""");
        Assert.Equal(new TillSaleLine("A", 1m, 2m, 0m, 2m), line);
        var total = Assert.IsType<TillSaleTotal>(Parse("""{"type":"total","total":2,"tenders":[{"method":"wechat","amount":2,"ref":"4200001"}],"change":0}"""));
        Assert.Equal("wechat", Assert.Single(total.Tenders).Method);
    }

    [Theory]
    // Not JSON, or not one object
    [InlineData("{", "not a JSON object")]
    [InlineData("""{"type":"start","kind":"sale" """, "not a JSON object")]
    [InlineData("""{"type":"total","total":1,"tenders":[]} {"type":"total"}""", "not a JSON object")]
    [InlineData("""{'type':'total'}""", "not a JSON object")]
    [InlineData("""{"type":"total","total":1,"tenders":[],}""", "not a JSON object")]
    [InlineData("""{"type":"total","total":1,"total":2,"tenders":[]}""", "not a JSON object")]   // duplicate property
    // The type
    [InlineData("{}", "missing type")]
    [InlineData("""{"type":null}""", "missing type")]
    [InlineData("""{"type":7}""", "type must be a string, not a number")]
    [InlineData("""{"type":"S"}""", "unknown type 'S'")]
    [InlineData("""{"type":"Start"}""", "unknown type 'Start'")]
    // start
    [InlineData("""{"type":"start","time":"2025-06-01T10:15:30+08:00"}""", "missing kind")]
    [InlineData("""{"type":"start","kind":"refund","time":"2025-06-01T10:15:30+08:00"}""", "unknown sale kind 'refund'")]
    [InlineData("""{"type":"start","kind":"sale"}""", "missing time")]
    [InlineData("""{"type":"start","kind":"sale","time":"2025-06-01T10:15:30"}""", "bad time")]
    [InlineData("""{"type":"start","kind":"sale","time":1748744130}""", "time must be a string, not a number")]
    [InlineData("""{"type":"start","kind":"sale","time":"2025-06-01T10:15:30Z","receiptNo":1001}""", "receiptNo must be a string, not a number")]
    [InlineData("""{"type":"start","kind":"sale","time":"2025-06-01T10:15:30Z","cashierId":"\ud800"}""", "cashierId is not valid text")]
    // line
    [InlineData("""{"type":"line","quantity":1,"unitPrice":2,"discount":0,"amount":2}""", "missing itemCode")]
    [InlineData("""{"type":"line","itemCode":" ","quantity":1,"unitPrice":2,"discount":0,"amount":2}""", "item code must be 1-64 characters")]
    [InlineData("""{"type":"line","itemCode":"A","unitPrice":2,"discount":0,"amount":2}""", "missing quantity")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"amount":2}""", "missing discount")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"discount":0,"amount":null}""", "missing amount")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":true,"unitPrice":2,"discount":0,"amount":2}""", "quantity must be a number, not true")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":[2],"discount":0,"amount":2}""", "unitPrice must be a number, not an array")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":"3,50","discount":0,"amount":2}""", "bad unit price '3,50'")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"discount":0,"amount":1e3}""", "bad amount '1e3'")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"discount":0,"amount":"1e3"}""", "bad amount '1e3'")]
    [InlineData("""{"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"discount":0,"amount":792281625142643375935439503350}""", "bad amount")]
    // total
    [InlineData("""{"type":"total","tenders":[]}""", "missing total")]
    [InlineData("""{"type":"total","total":"seven","tenders":[]}""", "bad total 'seven'")]
    [InlineData("""{"type":"total","total":7}""", "missing tenders")]
    [InlineData("""{"type":"total","total":7,"tenders":"cash:7"}""", "tenders must be an array")]
    [InlineData("""{"type":"total","total":7,"tenders":["cash"]}""", "each tender must be an object")]
    [InlineData("""{"type":"total","total":7,"tenders":[{"amount":7}]}""", "tender 1: missing method")]
    [InlineData("""{"type":"total","total":7,"tenders":[{"method":"cash","amount":5},{"method":"we chat","amount":2}]}""", "tender 2: bad method 'we chat'")]
    [InlineData("""{"type":"total","total":7,"tenders":[{"method":"cash","amount":"abc"}]}""", "tender 1: bad tender amount 'abc'")]
    public void Malformed_objects_say_why(string text, string reason)
    {
        Assert.False(TillLineParser.TryParse(text, out var line, out var error));
        Assert.Null(line);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_refused_even_in_an_unknown_property()
    {
        string Nested(int depth) => $$"""{"type":"line","itemCode":"A","quantity":1,"unitPrice":2,"discount":0,"amount":2,"x":{{new string('[', depth)}}{{new string(']', depth)}}}""";
        Assert.True(TillLineParser.TryParse(Nested(TillJsonLineParser.MaxDepth - 1), out _, out var error), error);
        Assert.False(TillLineParser.TryParse(Nested(TillJsonLineParser.MaxDepth), out _, out error));
        Assert.Contains("depth", error, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Tender lists compared by content (records compare lists by reference).</summary>
    private sealed class TotalComparer : IEqualityComparer<TillLine>
    {
        public static readonly TotalComparer Instance = new();

        public bool Equals(TillLine? x, TillLine? y) =>
            x is TillSaleTotal a && y is TillSaleTotal b && a.Total == b.Total
            && a.Tenders.Select(t => (t.Method, t.Amount)).SequenceEqual(b.Tenders.Select(t => (t.Method, t.Amount)));

        public int GetHashCode(TillLine obj) => 0;
    }
}
