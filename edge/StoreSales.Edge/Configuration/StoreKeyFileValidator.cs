using Microsoft.Extensions.Options;

namespace StoreSales.Edge.Configuration;

/// <summary>
/// <c>Agent:StoreKeyFile</c>, when set, must name a file holding a key when the agent starts; later it may be rewritten
/// at any time (<see cref="StoreKeySource"/>).
/// </summary>
internal sealed class StoreKeyFileValidator(string contentRootPath) : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.StoreKeyFile))
        {
            return ValidateOptionsResult.Success;
        }

        var path = Path.Combine(contentRootPath, options.StoreKeyFile);
        try
        {
            return File.ReadAllText(path).Trim().Length > 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{AgentOptions.SectionName}:StoreKeyFile '{path}' is empty: it must hold the store's key.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{AgentOptions.SectionName}:StoreKeyFile '{path}' cannot be read: {ex.Message}");
        }
    }
}
