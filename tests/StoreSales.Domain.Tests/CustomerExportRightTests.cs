using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

/// <summary>Who may import customers, and who may export them with contact details (a right of its own).</summary>
public sealed class CustomerExportRightTests
{
    [Theory]
    // role,                            holds export-contacts, may export
    [InlineData(ChainRoles.Admin, true, true)]
    [InlineData(ChainRoles.Admin, false, false)]           // no role carries the right, not even an administrator's
    [InlineData(ChainRoles.StoreManager, false, false)]    // a manager sees phones masked and may not take them out
    [InlineData(ChainRoles.SalesManager, false, false)]
    [InlineData(ChainRoles.SalesManager, true, true)]      // unless given the right
    [InlineData(ChainRoles.Hq, false, false)]
    [InlineData(ChainRoles.SalesRep, false, false)]
    [InlineData(ChainRoles.Board, true, false)]            // a TV can take nothing out, whatever it claims
    public void Export_of_contact_details_needs_the_right_of_its_own(string role, bool holdsRight, bool mayExport)
    {
        var viewer = ViewerScope.Of([role], [], []) with { Rights = holdsRight ? [ChainRights.ExportContacts] : [] };

        Assert.Equal(mayExport, CustomerAccessRule.CanExportContacts(viewer));
    }

    [Theory]
    [InlineData(ChainRoles.Admin, true)]
    [InlineData(ChainRoles.StoreManager, true)]
    [InlineData(ChainRoles.SalesManager, true)]
    [InlineData(ChainRoles.SalesRep, false)]        // a rep creates their customers one at a time
    [InlineData(ChainRoles.Hq, false)]              // HQ reads; it does not create customers
    [InlineData(ChainRoles.RegionalManager, false)]
    [InlineData(ChainRoles.FieldSupervisor, false)]
    [InlineData(ChainRoles.Board, false)]
    public void Importing_is_for_those_who_create_customers_for_others(string role, bool mayImport) =>
        Assert.Equal(mayImport, CustomerAccessRule.CanImport(ViewerScope.Of([role], [], [])));
}
