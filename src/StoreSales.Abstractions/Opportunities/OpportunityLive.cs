using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Abstractions.Opportunities;

/// <summary>
/// What an opportunity grain holds now: the facts as last read, and its verdict on their age (the colour, how long idle,
/// when the colour next changes), judged by its clock at <see cref="CheckedAt"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OpportunityLive(
    [property: Id(0)] OpportunityFacts Facts,
    [property: Id(1)] AgeingColour Colour,
    [property: Id(2)] TimeSpan Idle,
    [property: Id(3)] DateTimeOffset? NextChangeAt,
    [property: Id(4)] DateTimeOffset CheckedAt,
    [property: Id(5)] bool StalledRaised);
