using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Credit;

namespace StoreSales.CommandCenter.ContractToCash;

/// <summary>
/// What the contracts page says of a recorded document or an imported row, from the resources by the rule code the API
/// answers with (docs/domain.md "Contract to cash"): a code newer than this table shows as itself rather than as nothing.
/// </summary>
public static class ContractRefusalWords
{
    /// <summary>The outcome of recording one document: kept or not, its rule code, and the sentence to show.</summary>
    public static (bool Kept, string Rule, string Text) Outcome(IStringLocalizer texts, CreditResult result, string documentNo) => result switch
    {
        CreditResult.Done { Body: ContractKeptAnswer kept } => (true, kept.Outcome, Say(texts, KeyOf(kept.Outcome), documentNo)),
        CreditResult.Invalid invalid => (false, "invalid", Say(texts, "CtRefusedInvalid", string.Join(", ", invalid.Errors.Keys.Select(f => texts[FieldKey(f)].Value)))),
        CreditResult.NotAllowed refused => (false, refused.Rule, Say(texts, KeyOf(refused.Rule), documentNo)),
        CreditResult.NotFound missing => (false, "unknown-" + missing.What, Say(texts, KeyOf("unknown-" + missing.What), missing.Id)),
        CreditResult.Conflict conflict => (false, conflict.Rule, Say(texts, KeyOf(conflict.Rule), documentNo)),
        _ => (false, "", ""),
    };

    /// <summary>A rule code (of a refusal or of an imported row) as the resources' key; an unknown code keeps its name.</summary>
    public static string KeyOf(string rule) => rule switch
    {
        "recorded" => "CtRecorded",
        "already-recorded" => "CtAlreadyRecorded",
        "linked" => "CtLinked",
        "changed-figures" => "CtRefusedChangedFigures",
        "unknown-contract" => "CtRefusedUnknownContract",
        "unknown-shipment" => "CtRefusedUnknownShipment",
        "unknown-receivable" => "CtRefusedUnknownReceivable",
        "unknown-line" => "CtRefusedUnknownLine",
        "unknown-customer" or "not-an-account" => "CtRefusedUnknownCustomer",
        "credit-ledger-keeper" => "CtRefusedKeeper",
        "too-many-rows" => "CtRefusedTooManyRows",
        _ when rule.StartsWith("invalid", StringComparison.Ordinal) || rule == "wrong-shape" => "CtRefusedRow",
        _ => rule,
    };

    /// <summary>An API field as the form's label names it.</summary>
    public static string FieldKey(string field) => field switch
    {
        "documentNo" => "CtDocumentNo",
        "contractId" => "CtContract",
        "amount" => "CrAmount",
        "dueOn" => "CrDueOn",
        "purpose" => "CtPurpose",
        "lineNo" => "CtLineNo",
        "shippedOn" or "signedOn" or "issuedOn" or "paidAt" => "CtDate",
        _ => field,
    };

    private static string Say(IStringLocalizer texts, string key, string subject) =>
        string.Format(CultureInfo.CurrentCulture, texts[key].Value, subject);
}
