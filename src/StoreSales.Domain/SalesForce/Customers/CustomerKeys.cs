using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>The deduplication keys of a customer, or the identity fields that were refused.</summary>
/// <param name="Keys">Strongest first: member code, credit code, phone, then the name.</param>
/// <param name="Failures">One per refused field; when not empty the customer must not be created.</param>
public sealed record CustomerKeys(ImmutableArray<CustomerKey> Keys, ImmutableArray<IdentityFailure> Failures)
{
    public bool IsValid => Failures.IsEmpty;

    /// <summary>
    /// The key a POS member code is held under (<c>member:…</c>, half-width, trimmed), or null for a blank code: how a
    /// customer's member code is stored and how a till sale's member id finds its customer.
    /// </summary>
    public static CustomerKey? MemberKey(string? memberCode)
    {
        var code = CustomerText.ToHalfWidth(memberCode ?? "").Trim();
        return code.Length > 0 ? new CustomerKey(CustomerKeyKind.MemberCode, code) : null;
    }

    /// <summary>
    /// The keys of a customer (one customer, one id: docs/domain.md, "The sales force"). A field left empty gives no
    /// key; a field given but invalid is a failure, never silently dropped. The name is required; it is a key for
    /// an account always and for a member only with <see cref="CustomerIdentityOptions.MatchMembersByName"/>.
    /// Any matching key makes an existing customer a likely duplicate.
    /// </summary>
    public static CustomerKeys Of(CustomerIdentity customer, CustomerIdentityOptions options)
    {
        var keys = ImmutableArray.CreateBuilder<CustomerKey>();
        var failures = ImmutableArray.CreateBuilder<IdentityFailure>();

        if (MemberKey(customer.MemberCode) is { } memberKey)
        {
            keys.Add(memberKey);
        }

        Add(CustomerKeyKind.CreditCode, customer.CreditCode, UnifiedSocialCreditCode.Normalize);
        Add(CustomerKeyKind.Phone, customer.Phone, raw => CustomerPhone.Normalize(raw, options.DefaultPhoneRegion));

        var name = CustomerName.Normalize(customer.Name, customer.Kind);
        if (name.Failure is { } nameFailure)
        {
            failures.Add(nameFailure);
        }
        else if (customer.Kind == CustomerKind.Account || options.MatchMembersByName)
        {
            keys.Add(new CustomerKey(CustomerKeyKind.Name, name.Value!));
        }

        return new CustomerKeys(keys.ToImmutable(), failures.ToImmutable());

        void Add(CustomerKeyKind kind, string? raw, Func<string?, IdentityCheck> normalize)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                return;
            }

            var check = normalize(raw);
            if (check.Failure is { } failure)
            {
                failures.Add(failure);
            }
            else
            {
                keys.Add(new CustomerKey(kind, check.Value!));
            }
        }
    }
}
