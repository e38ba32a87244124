namespace StoreSales.Domain.Targets;

/// <summary>The red/yellow/green progress band (红黄绿). Pending: too early in the period to judge.</summary>
public enum TargetBand
{
    Pending = 0,
    Green = 1,
    Yellow = 2,
    Red = 3,
}

/// <summary>Which side of the pace a store or rep is on.</summary>
public enum PaceDirection
{
    OnPace = 0,
    Behind = 1,
    Ahead = 2,
}
