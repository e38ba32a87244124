namespace StoreSales.Domain.SalesForce;

/// <summary>What a rep recorded with a customer (DOMAIN.md "The sales force"); one kind per recorded interaction.</summary>
public enum InteractionKind
{
    /// <summary>A phone call with the customer.</summary>
    Call = 1,

    /// <summary>A visit in person (the rep at the customer, or the customer in the store with the rep).</summary>
    Visit = 2,

    /// <summary>A message exchanged with the customer (WeChat, SMS, e-mail).</summary>
    Message = 4,

    /// <summary>A note the rep wrote about the customer: a record, not a contact with them.</summary>
    Note = 8,
}
