namespace StoreSales.Domain.Targets.StoreEvents;

/// <summary>
/// Whether a store event may be recorded as asked (docs/domain.md "Store events"): a known kind, a span that ends after
/// it starts and is no longer than <see cref="StoreEventOptions.MaxSpan"/>, an uplift only on a promotion (and within
/// <see cref="StoreEventOptions.MaxExpectedUplift"/>), a promotion that does not close the store. Every problem is
/// named by its field.
/// </summary>
public static class StoreEventRule
{
    public static StoreEventCheck Check(StoreEventDraft draft, StoreEventOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(draft.Kind))
        {
            errors["kind"] = ["Required: one of " + string.Join(", ", StoreEventKinds.All) + "."];
        }
        else if (!StoreEventKinds.IsKnown(draft.Kind))
        {
            errors["kind"] = [$"Unknown kind '{draft.Kind}': one of {string.Join(", ", StoreEventKinds.All)}."];
        }

        if (draft.StartsAt is null)
        {
            errors["startsAt"] = ["Required."];
        }

        if (draft.EndsAt is null)
        {
            errors["endsAt"] = ["Required."];
        }
        else if (draft.StartsAt is { } starts && draft.EndsAt <= starts)
        {
            errors["endsAt"] = ["Must be after startsAt."];
        }
        else if (draft.StartsAt is { } from && draft.EndsAt - from > options.MaxSpan)
        {
            errors["endsAt"] = [$"The span is longer than {StoreEventOptions.SectionName}:{nameof(StoreEventOptions.MaxSpan)} ({options.MaxSpan.TotalDays:0.##} days); record a longer closure as several events."];
        }

        var promotion = draft.Kind == StoreEventKinds.Promotion;
        if (draft.ExpectedUplift is { } uplift)
        {
            if (!promotion)
            {
                errors["expectedUplift"] = ["Only a promotion carries an expected uplift."];
            }
            else if (uplift <= 0 || uplift > options.MaxExpectedUplift)
            {
                errors["expectedUplift"] = [$"Must be above 0 and at most {StoreEventOptions.SectionName}:{nameof(StoreEventOptions.MaxExpectedUplift)} ({options.MaxExpectedUplift})."];
            }
        }

        if (promotion && draft.ClosesStore == true)
        {
            errors["closesStore"] = ["A promotion does not close the store."];
        }

        if (draft.Note is { } note && note.Length > options.NoteMaxLength)
        {
            errors["note"] = [$"At most {StoreEventOptions.SectionName}:{nameof(StoreEventOptions.NoteMaxLength)} ({options.NoteMaxLength}) characters."];
        }

        if (errors.Count > 0)
        {
            return new StoreEventCheck(null, errors);
        }

        var kind = draft.Kind!;
        return new StoreEventCheck(
            new StoreEventSpec(
                kind,
                draft.StartsAt!.Value,
                draft.EndsAt!.Value,
                draft.ClosesStore ?? StoreEventKinds.ClosesByDefault(kind),
                draft.ExpectedUplift,
                string.IsNullOrWhiteSpace(draft.Note) ? null : draft.Note.Trim()),
            errors);
    }
}

/// <summary>The checked event, or the problems by field (camelCase, as the API names them).</summary>
public sealed record StoreEventCheck(StoreEventSpec? Event, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Event is not null;
}
