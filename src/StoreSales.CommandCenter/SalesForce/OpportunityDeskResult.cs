namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// What the opportunity desk answers: done (<see cref="Status"/> 200, 201 or 202 with <see cref="Value"/>), or refused with
/// its status (400, 403, 404, 409), the rule's name, a sentence for the person and, for a blocked move, what is missing.
/// The API turns it into a response or problem details, a page into its message.
/// </summary>
public sealed record OpportunityDeskResult(int Status, object? Value, string? Rule = null, string? Detail = null, IReadOnlyList<string>? Missing = null, string? Field = null)
{
    public bool IsDone => Status < 300;
}
