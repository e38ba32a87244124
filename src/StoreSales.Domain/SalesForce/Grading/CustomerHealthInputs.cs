namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>What a customer's health score is computed from, over the RFM window and the window before it.</summary>
/// <param name="Interactions">
/// Recorded interactions with the customer in the window, of the kinds <see cref="CustomerHealthOptions.InteractionKinds"/>
/// names (calls, visits, messages by default).
/// </param>
/// <param name="AverageResponse">
/// How long, on average, the customer waited for the rep in the window: the customer's leads assigned in the window,
/// each from its assignment to its first contact (a lead still unanswered at the window's end counts the time it has
/// waited until then). Leads are the one moment the tables record when a customer was owed an answer; an unanswered
/// lead counts, so that not answering never scores better than answering late. Null when no lead was assigned in
/// the window (nothing was owed).
/// </param>
/// <param name="OrderAmount">Net purchase amount in the window.</param>
/// <param name="PreviousOrderAmount">Net purchase amount in the window of the same length before it.</param>
public sealed record CustomerHealthInputs(int Interactions, TimeSpan? AverageResponse, decimal OrderAmount, decimal PreviousOrderAmount);
