using System.Collections.Immutable;
using System.Globalization;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Domain.Demo.SalesForce;

/// <summary>
/// The demo chain's customers, made so that when the demo starts every sales-force rule has customers on both sides of
/// its threshold: each rep holds a lead an hour short of the golden hours and a fresh one, and customers a day short of
/// and past the follow-up, release and dormancy days; the rest are active. The thresholds come from the rules' options,
/// so a chain that configures other days gets a demo that straddles its own. Deterministic for a seed and a moment.
/// </summary>
public sealed class DemoCustomerBook(DormancyOptions dormancy, GoldenHoursOptions goldenHours, TimeZoneInfo zone)
{
    /// <summary>Customers of the demo chain unless <c>Demo:Customers</c> says otherwise.</summary>
    public const int DefaultCount = 5_000;

    /// <summary>The demo's seed: every demo start makes the same customers.</summary>
    public const int Seed = 8;

    /// <summary>The states every rep gets one customer in (and <see cref="DemoCustomerState.Released"/> twice), before the active ones.</summary>
    public static readonly ImmutableArray<DemoCustomerState> StatesOfEveryRep =
    [
        DemoCustomerState.LeadAlmostOverdue,
        DemoCustomerState.LeadFresh,
        DemoCustomerState.FollowUpTomorrow,
        DemoCustomerState.FollowUpDue,
        DemoCustomerState.ReleaseTomorrow,
        DemoCustomerState.Released,
        DemoCustomerState.Released,
        DemoCustomerState.DormantTomorrow,
        DemoCustomerState.Dormant,
    ];

    /// <summary>How long before the demo a fresh lead was assigned.</summary>
    private static readonly TimeSpan FreshLeadAge = TimeSpan.FromHours(2);

    /// <summary>How long before its window closes the almost-overdue lead starts the demo.</summary>
    private static readonly TimeSpan AlmostOverdueMargin = TimeSpan.FromHours(1);

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "晨", "欣", "浩然"];
    private static readonly string[] Brands = ["康华", "瑞丰", "鼎盛", "恒信", "佳和", "永安", "联众", "华泰", "裕隆", "德润", "中和", "信达", "宏远", "嘉禾", "天成", "百川", "金桥", "明德", "万通", "新元", "安泰", "广源", "合力", "同心", "致远", "东方", "海纳", "长青", "博远", "正大"];
    private static readonly string[] Trades = ["医疗器械", "汽车配件", "医药供应", "商贸"];
    private static readonly string[] Outcomes = ["interested", "call back later", "ordered", "no answer", "asked for a quote"];
    private static readonly InteractionKind[] ContactKinds = [InteractionKind.Call, InteractionKind.Visit, InteractionKind.Message];

    /// <summary>
    /// <paramref name="count"/> customers spread over the reps in turn (members to retail reps, accounts to B2B reps),
    /// as they stand at <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<DemoCustomer> Make(IReadOnlyList<DemoRepSeat> reps, int count, DateTimeOffset now, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (reps.Count == 0 || count == 0)
        {
            return [];
        }

        var maxMembers = DemoMembers.Range;
        var random = new Random(seed);
        var customers = new List<DemoCustomer>(count);
        var heldByRep = new int[reps.Count];
        int members = 0, accounts = 0;
        for (var i = 0; i < count; i++)
        {
            var seatIndex = i % reps.Count;
            var seat = reps[seatIndex];
            var nth = heldByRep[seatIndex]++;
            var state = nth < StatesOfEveryRep.Length ? StatesOfEveryRep[nth] : DemoCustomerState.Active;
            var id = string.Create(CultureInfo.InvariantCulture, $"cust-demo-{i + 1:D5}");
            var (name, memberCode, creditCode, phone) = seat.Serves == CustomerKind.Member
                ? (MemberName(members), members < maxMembers ? DemoMembers.Code(members) : null, (string?)null, Mobile(139, members++))
                : (AccountName(accounts), null, CreditCode(accounts), Mobile(137, accounts++));
            customers.Add(Customer(id, seat, state, name, memberCode, creditCode, phone, now, random));
        }

        return customers;
    }

    private DemoCustomer Customer(string id, DemoRepSeat seat, DemoCustomerState state, string name, string? memberCode, string? creditCode, string phone, DateTimeOffset now, Random random)
    {
        if (state is DemoCustomerState.LeadFresh or DemoCustomerState.LeadAlmostOverdue)
        {
            // A lead is a new customer given to the rep: created when assigned, never contacted yet.
            var assigned = now - (state == DemoCustomerState.LeadFresh ? FreshLeadAge : goldenHours.FirstContactWithin - AlmostOverdueMargin);
            return new DemoCustomer(id, seat.Serves, name, phone, memberCode, creditCode, seat.RepId, seat.DepartmentId, assigned, state, [], assigned);
        }

        var lastActivity = ContactOn(DaysSinceActivity(state, random), now, random);
        var interactions = new List<DemoInteraction> { new(ContactKinds[random.Next(ContactKinds.Length)], lastActivity, Outcomes[random.Next(Outcomes.Length)]) };
        var at = lastActivity;
        for (var n = random.Next(0, 5); n > 0; n--)
        {
            at -= TimeSpan.FromDays(random.Next(3, 21)) + TimeSpan.FromMinutes(random.Next(0, 600));
            var kind = random.Next(4) == 0 ? InteractionKind.Note : ContactKinds[random.Next(ContactKinds.Length)];
            interactions.Add(new DemoInteraction(kind, at, Outcomes[random.Next(Outcomes.Length)]));
        }

        var created = at - TimeSpan.FromDays(random.Next(1, 31));
        return new DemoCustomer(id, seat.Serves, name, phone, memberCode, creditCode, seat.RepId, seat.DepartmentId, created, state, [.. interactions.AsEnumerable().Reverse()], null);
    }

    /// <summary>Calendar days from the last activity to today for a state (the thresholds of <see cref="DormancyOptions"/>).</summary>
    public int DaysSinceActivity(DemoCustomerState state, Random random) => state switch
    {
        DemoCustomerState.Active => random.Next(0, dormancy.FollowUpAfterDays - 1),
        DemoCustomerState.FollowUpTomorrow => dormancy.FollowUpAfterDays - 1,
        DemoCustomerState.FollowUpDue => random.Next(dormancy.FollowUpAfterDays, dormancy.ReleaseToPoolAfterDays - 1),
        DemoCustomerState.ReleaseTomorrow => dormancy.ReleaseToPoolAfterDays - 1,
        DemoCustomerState.Released => random.Next(dormancy.ReleaseToPoolAfterDays, dormancy.DormantAfterDays - 1),
        DemoCustomerState.DormantTomorrow => dormancy.DormantAfterDays - 1,
        DemoCustomerState.Dormant => dormancy.DormantAfterDays + random.Next(0, 60),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A lead has no activity but its assignment."),
    };

    /// <summary>A moment in working hours on the date <paramref name="daysAgo"/> calendar days before today, never after now.</summary>
    private DateTimeOffset ContactOn(int daysAgo, DateTimeOffset now, Random random)
    {
        var today = ChainCalendar.DateOf(now, zone);
        var dayStart = ChainCalendar.StartOf(today.AddDays(-daysAgo), zone);
        var at = dayStart + TimeSpan.FromHours(9) + TimeSpan.FromMinutes(random.Next(0, 9 * 60));
        return at <= now ? at : dayStart + ((now - dayStart) / 2);
    }

    private static string MemberName(int n) =>
        Surnames[n % Surnames.Length] + GivenNames[(n / Surnames.Length) % GivenNames.Length];

    /// <summary>Distinct for the first Brands² × Trades accounts (an account's name is one of its keys).</summary>
    private static string AccountName(int n)
    {
        var brand = Brands[n % Brands.Length] + Brands[(n / Brands.Length + 1 + (n % Brands.Length)) % Brands.Length];
        return $"{brand}{Trades[(n / (Brands.Length * Brands.Length)) % Trades.Length]}有限公司";
    }

    /// <summary>A mainland mobile number as a rep types it: <c>139 0000 0042</c>.</summary>
    private static string Mobile(int prefix, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix} {n / 10_000 % 10_000:D4} {n % 10_000:D4}");

    /// <summary>A unified social credit code of a Shanghai enterprise (91 31 0000), with its check character.</summary>
    private static string CreditCode(int n)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"91310000{n:D9}");
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }
}
