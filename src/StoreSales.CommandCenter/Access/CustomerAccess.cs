using System.Security.Claims;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Finds a customer for a viewer, applying <see cref="CustomerAccessRule"/>: a customer the viewer may not see is not
/// found, exactly like one that does not exist, so an id tried from outside the scope tells nothing.
/// </summary>
public sealed class CustomerAccess(CustomerLookup customers)
{
    public async Task<SeenCustomer?> Find(ClaimsPrincipal viewer, string customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.Find(customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        // A customer in the public pool is nobody's: the rep it was released from sees it no more than any other rep
        // (docs/domain.md "Public pool claims"); the team's managers and HQ still do, masked.
        var sight = CustomerAccessRule.Sight(viewer.ToViewerScope(), customer.InPool ? "" : customer.OwnerRepId, customer.DepartmentId, customer.OwnerStoreId);
        return sight == CustomerSight.Hidden ? null : new SeenCustomer(customer, sight);
    }
}

/// <summary>A customer the viewer may see, and how much of it.</summary>
public sealed record SeenCustomer(CustomerRecord Customer, CustomerSight Sight);
