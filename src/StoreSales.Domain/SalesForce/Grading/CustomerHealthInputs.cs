namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>What a customer's health score is computed from, over the RFM window and the window before it.</summary>
/// <param name="Interactions">Recorded interactions with the customer in the window (calls, visits, messages).</param>
/// <param name="AverageResponse">
/// How long, on average, the rep took to answer the customer in the window (from the customer's call or message to
/// the rep's next interaction); null when the customer asked nothing.
/// </param>
/// <param name="OrderAmount">Net purchase amount in the window.</param>
/// <param name="PreviousOrderAmount">Net purchase amount in the window of the same length before it.</param>
public sealed record CustomerHealthInputs(int Interactions, TimeSpan? AverageResponse, decimal OrderAmount, decimal PreviousOrderAmount);
