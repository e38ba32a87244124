namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>A customer's RFM grade, recomputed nightly.</summary>
public enum CustomerGrade
{
    /// <summary>Recent, frequent and big: the customers to keep close.</summary>
    A,

    /// <summary>Buying, but less: the customers to grow.</summary>
    B,

    /// <summary>Little or nothing in the window.</summary>
    C,
}
