using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StoreSales.Data;

/// <summary>
/// Options bound the edge agent's way: a key the class does not have is an error (a misspelt key is not silently
/// ignored), and the class's own <c>Validate()</c> runs at start, its sentence in the start-up failure.
/// </summary>
/// <remarks>
/// Some sections hold the keys of more than one class (<c>HotItems</c> and <c>HotItems:Heatmap</c>; <c>Interventions</c>
/// and its <c>Sla</c>, <c>Escalation</c>; <c>Orleans</c> and <c>Orleans:Membership</c>). Each class then names the keys
/// its neighbours bind (<c>keysOfOthers</c>): those alone are passed over, every other unknown key still stops the host.
/// </remarks>
public static class ValidatedOptions
{
    private static readonly Action<BinderOptions> Strict = o => o.ErrorOnUnknownConfiguration = true;

    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string sectionName, Func<T, string?> validate, params string[] keysOfOthers)
        where T : class =>
        services.AddValidatedNamedOptions(Options.DefaultName, sectionName, validate, keysOfOthers);

    /// <summary>The same for options of one <paramref name="name"/> (a class bound from more than one section).</summary>
    public static OptionsBuilder<T> AddValidatedNamedOptions<T>(this IServiceCollection services, string name, string sectionName, Func<T, string?> validate, params string[] keysOfOthers)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Rule<T>(name, validate));
        var options = services.AddOptions<T>(name);
        return (keysOfOthers.Length == 0
                ? options.BindConfiguration(sectionName, Strict)
                : options.Configure<IConfiguration>((o, configuration) => new SectionWithout(configuration.GetSection(sectionName), keysOfOthers).Bind(o, Strict)))
            .ValidateOnStart();
    }

    /// <summary>
    /// The same binding and check for code that runs before the host is built (the silo's database preparation): the
    /// section's options, or the class's defaults when the section is absent.
    /// </summary>
    public static T ReadValidated<T>(this IConfiguration configuration, string sectionName, Func<T, string?> validate, params string[] keysOfOthers)
        where T : class, new()
    {
        var options = new T();
        new SectionWithout(configuration.GetSection(sectionName), keysOfOthers).Bind(options, Strict);
        return validate(options) is { } problem
            ? throw new OptionsValidationException(sectionName, typeof(T), [$"{sectionName}: {problem}"])
            : options;
    }

    private sealed class Rule<T>(string name, Func<T, string?> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options) =>
            !string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal) ? ValidateOptionsResult.Skip
            : validate(options) is { } problem ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
