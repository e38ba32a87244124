using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Notifications.Channels;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data.Notifications;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// Words an alert (or a digest of alerts) as a message in the person's language (en / zh-CN, the command center's
/// <see cref="Labels"/>), with the deep link back to the inbox (<see cref="NotificationOptions.PublicBaseUrl"/>).
/// </summary>
public sealed class NotificationTexts(IStringLocalizer<Labels> texts, IOptions<NotificationOptions> options)
{
    /// <summary>A digest lists this many alerts and counts the rest.</summary>
    public const int DigestLines = 20;

    private readonly string _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');

    public OutgoingMessage One(AlertToSend alert, string idempotencyKey, NotificationSettings person) =>
        InCulture(person.Culture, () =>
        {
            var lines = new List<string> { string.Format(CultureInfo.CurrentCulture, texts["NfAssignee"], CodeWords.Assignee(texts, alert.Assignee, r => null)) };
            if (alert.Level > 1)
            {
                lines.Add(string.Format(CultureInfo.CurrentCulture, texts["NfEscalated"], alert.Level));
            }

            if (!string.IsNullOrWhiteSpace(alert.Summary))
            {
                lines.Add(alert.Summary);
            }

            return new OutgoingMessage(idempotencyKey, Headline(alert), lines, $"{_baseUrl}/interventions?alert={Uri.EscapeDataString(alert.AlertId)}",
                texts["NfOpenInbox"], person.WeComUserId);
        });

    public OutgoingMessage Digest(IReadOnlyList<AlertToSend> alerts, string idempotencyKey, NotificationSettings person) =>
        InCulture(person.Culture, () =>
        {
            var lines = alerts.Take(DigestLines).Select(a => "• " + Headline(a)).ToList();
            if (alerts.Count > DigestLines)
            {
                lines.Add(string.Format(CultureInfo.CurrentCulture, texts["NfDigestMore"], alerts.Count - DigestLines));
            }

            return new OutgoingMessage(idempotencyKey, string.Format(CultureInfo.CurrentCulture, texts["NfDigestTitle"], alerts.Count), lines,
                $"{_baseUrl}/interventions", texts["NfOpenInbox"], person.WeComUserId);
        });

    private string Headline(AlertToSend alert) =>
        string.Format(CultureInfo.CurrentCulture, texts["NfHeadline"], texts[CodeWords.SeverityKey(alert.Severity)], texts[CodeWords.ConditionKey(alert.Condition)], Subject(alert));

    private string Subject(AlertToSend alert)
    {
        var key = alert.SubjectKind switch
        {
            "store" => "NfSubjectStore",
            "rep" => "NfSubjectRep",
            "customer" => "NfSubjectCustomer",
            "opportunity" => "NfSubjectOpportunity",
            "approval" => "NfSubjectApproval",
            _ => null,
        };
        return key is null ? $"{alert.SubjectKind} {alert.SubjectId}" : string.Format(CultureInfo.CurrentCulture, texts[key], alert.SubjectId);
    }

    // The resource manager reads the current UI culture; it is set for this call only (it flows with the async context).
    private static T InCulture<T>(string culture, Func<T> word)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return word();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
