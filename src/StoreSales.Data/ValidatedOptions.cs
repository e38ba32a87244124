using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StoreSales.Data;

/// <summary>
/// Options bound the edge agent's way: a key the class does not have is an error (a misspelt key is not silently
/// ignored), and the class's own <c>Validate()</c> runs at start, its sentence in the start-up failure.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string sectionName, Func<T, string?> validate)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Rule<T>(validate));
        return services.AddOptions<T>()
            .BindConfiguration(sectionName, o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
    }

    /// <summary>
    /// The same binding and check for code that runs before the host is built (the silo's database preparation): the
    /// section's options, or the class's defaults when the section is absent.
    /// </summary>
    public static T ReadValidated<T>(this IConfiguration configuration, string sectionName, Func<T, string?> validate)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(sectionName).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        return validate(options) is { } problem
            ? throw new OptionsValidationException(sectionName, typeof(T), [$"{sectionName}: {problem}"])
            : options;
    }

    private sealed class Rule<T>(Func<T, string?> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
