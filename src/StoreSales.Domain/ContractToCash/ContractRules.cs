using StoreSales.Domain.Credit;

namespace StoreSales.Domain.ContractToCash;

/// <summary>
/// The rules of a contract and of its documents from the ERP, by API or CSV alike (docs/domain.md "Contract to cash"):
/// the number rules, amounts and currency of <see cref="CreditDocuments"/>; known payment terms; a tax rate from 0 to
/// below 1; the dates each kind needs. Pure; the fields come as parsed from a CSV row or JSON.
/// </summary>
public static class ContractRules
{
    public static DocumentCheck<ContractDraft> CheckContract(
        string? contractId, string? customerId, string? opportunityId, string? title, decimal? net, string? currency, decimal? taxRate, string? paymentTerms,
        DateOnly? signedOn, ContractToCashOptions options, CreditOptions credit, IReadOnlyList<ContractLineInput>? lines = null)
    {
        // With lines, the net is their sum: left out it is taken from them, given it must agree to the cent.
        var (lineNets, lineErrors) = ContractLines.Check(lines ?? [], options.MaxContractLines);
        var linesNet = lineNets.Sum(l => l.Net);
        var netGiven = net;
        if (lines is { Count: > 0 } && lineErrors.Count == 0)
        {
            net ??= linesNet;
        }

        // A receivable's check gives the number, customer, amount and currency rules their one wording.
        var common = CreditDocuments.CheckReceivable(contractId, customerId, net, currency, signedOn, signedOn, opportunityId, credit);
        var errors = Renamed(common.Errors, ("documentNo", "contractId"), ("amount", "net"), ("issuedOn", "signedOn"), ("dueOn", "signedOn"), ("orderId", "opportunityId"));
        if (contractId is { Length: > 0 } id && id.All(char.IsAsciiDigit))
        {
            errors["contractId"] = ["Must not be purely numeric (write CT-2026-001)."];
        }

        var rate = taxRate ?? options.TaxRate;
        if (rate is < 0 or >= 1 || decimal.Round(rate, 4) != rate)
        {
            errors["taxRate"] = ["From 0 to below 1, with at most four decimals (0.13 is 13 %)."];
        }

        var terms = string.IsNullOrWhiteSpace(paymentTerms) ? options.DefaultPaymentTerms : paymentTerms.Trim();
        if (options.TermsOf(terms) is null)
        {
            errors["paymentTerms"] = [$"Unknown payment terms '{terms}'; known: {string.Join(", ", options.TermNames)}."];
        }

        foreach (var (field, messages) in lineErrors)
        {
            errors[field] = messages;
        }

        if (lines is { Count: > 0 } && lineErrors.Count == 0 && netGiven is { } given && given != linesNet)
        {
            errors["net"] = [$"The lines add up to {linesNet:0.00}: the net is their sum (or left out)."];
        }

        var name = string.IsNullOrWhiteSpace(title) ? contractId?.Trim() : title.Trim();
        if (name is { Length: > 200 })
        {
            errors["title"] = ["At most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return new DocumentCheck<ContractDraft>(null, errors);
        }

        var r = common.Document!;
        var money = ContractMoney.Of(r.Amount, rate);
        return new DocumentCheck<ContractDraft>(
            new ContractDraft(r.DocumentNo, r.CustomerId, r.OrderId, name!, r.Currency, money, rate, terms, signedOn!.Value)
            {
                Lines = lineNets.Count == 0 ? [] : ContractLines.Priced(lineNets, money, rate),
            },
            errors);
    }

    public static DocumentCheck<ContractDocument> CheckDocument(
        ContractDocumentKind kind, string? documentNo, string? customerId, string? contractId, decimal? amount, string? currency, DateOnly? on, DateOnly? dueOn,
        DateTimeOffset? paidAt, string? appliedTo, string? shipmentNo, string? purpose, DateTimeOffset now, CreditOptions credit, int? lineNo = null)
    {
        Dictionary<string, string[]> errors;
        string? linked = null;
        if (kind == ContractDocumentKind.Payment)
        {
            var payment = CreditDocuments.CheckPayment(documentNo, customerId, amount, currency, paidAt, appliedTo, now, credit);
            errors = new Dictionary<string, string[]>(payment.Errors, StringComparer.Ordinal);
        }
        else
        {
            // Invoices are receivables; a shipment or sign-off takes the same number, amount and date rules.
            var dateField = kind switch { ContractDocumentKind.Shipment => "shippedOn", ContractDocumentKind.SignOff => "signedOn", _ => "issuedOn" };
            var due = kind == ContractDocumentKind.Invoice ? dueOn : on;
            var receivable = CreditDocuments.CheckReceivable(documentNo, customerId, amount, currency, on, due, null, credit);
            errors = Renamed(receivable.Errors, ("issuedOn", dateField));
            if (kind != ContractDocumentKind.Invoice)
            {
                errors.Remove("dueOn");
            }
        }

        if (!string.IsNullOrWhiteSpace(contractId))
        {
            linked = contractId.Trim();
        }
        else if (kind is ContractDocumentKind.Shipment or ContractDocumentKind.SignOff)
        {
            errors["contractId"] = ["Required: a shipment or sign-off belongs to a contract."];
        }

        if (lineNo is < 1)
        {
            errors["lineNo"] = ["A contract line's number: 1 or more."];
        }
        else if (lineNo is not null && linked is null)
        {
            errors["lineNo"] = ["A line belongs to a contract: give its contractId too."];
        }

        var use = string.IsNullOrWhiteSpace(purpose) ? ReceivablePurposes.Sale : purpose.Trim();
        if (!ReceivablePurposes.All.Contains(use) || (kind != ContractDocumentKind.Invoice && use != ReceivablePurposes.Sale))
        {
            errors["purpose"] = [kind == ContractDocumentKind.Invoice ? $"One of {string.Join(", ", ReceivablePurposes.All)}." : "Only an invoice has a purpose."];
        }

        if (errors.Count > 0)
        {
            return new DocumentCheck<ContractDocument>(null, errors);
        }

        return new DocumentCheck<ContractDocument>(
            new ContractDocument(
                kind, documentNo!.Trim(), customerId!.Trim(), linked, amount!.Value, string.IsNullOrWhiteSpace(currency) ? credit.Currency : currency.Trim().ToUpperInvariant(),
                kind == ContractDocumentKind.Payment ? null : on, kind == ContractDocumentKind.Invoice ? dueOn : null, kind == ContractDocumentKind.Payment ? paidAt : null,
                kind == ContractDocumentKind.Payment && !string.IsNullOrWhiteSpace(appliedTo) ? appliedTo.Trim() : null,
                kind == ContractDocumentKind.SignOff && !string.IsNullOrWhiteSpace(shipmentNo) ? shipmentNo.Trim() : null,
                use) { LineNo = lineNo },
            errors);
    }

    private static Dictionary<string, string[]> Renamed(IReadOnlyDictionary<string, string[]> errors, params (string From, string To)[] names)
    {
        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            var to = names.FirstOrDefault(n => n.From == field).To ?? field;
            renamed[to] = renamed.TryGetValue(to, out var already) ? [.. already, .. messages] : messages;
        }

        return renamed;
    }
}
