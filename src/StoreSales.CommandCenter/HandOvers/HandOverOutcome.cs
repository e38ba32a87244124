namespace StoreSales.CommandCenter.HandOvers;

/// <summary>What a hand-over request came to, for the API to answer and a page to show alike.</summary>
public abstract record HandOverOutcome;

/// <summary>Done, with what it made.</summary>
public sealed record HandOverDone<T>(T Value) : HandOverOutcome;

/// <summary>Not found, or outside the viewer's sight (the two are not told apart): 404.</summary>
public sealed record HandOverNotFound(string What, string Id) : HandOverOutcome;

/// <summary>Seen but not the viewer's to do: 403 naming the rule.</summary>
public sealed record HandOverForbidden(string Rule, string Detail) : HandOverOutcome;

/// <summary>Refused by a rule on the state of things: 409 naming it (<see cref="Rule"/>) and its facts.</summary>
public sealed record HandOverConflict(string Rule, string Detail, IReadOnlyDictionary<string, object?> Facts) : HandOverOutcome;

/// <summary>Bad input: 400 naming each field.</summary>
public sealed record HandOverInvalid(IReadOnlyDictionary<string, string[]> Errors) : HandOverOutcome;
