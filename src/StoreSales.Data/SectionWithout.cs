using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace StoreSales.Data;

/// <summary>
/// A configuration section seen without some of its children: the keys another options class binds from the same
/// section. The binder's strict mode (<see cref="BinderOptions.ErrorOnUnknownConfiguration"/>) checks the children it is
/// shown, so a class bound through this view refuses every unknown key except those.
/// </summary>
internal sealed class SectionWithout(IConfigurationSection section, IReadOnlyCollection<string> hidden) : IConfigurationSection
{
    public string? this[string key]
    {
        get => section[key];
        set => section[key] = value;
    }

    public string Key => section.Key;

    public string Path => section.Path;

    public string? Value
    {
        get => section.Value;
        set => section.Value = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() =>
        section.GetChildren().Where(child => !hidden.Contains(child.Key, StringComparer.OrdinalIgnoreCase));

    public IChangeToken GetReloadToken() => section.GetReloadToken();

    public IConfigurationSection GetSection(string key) => section.GetSection(key);
}
