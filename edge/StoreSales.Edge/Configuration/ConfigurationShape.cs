using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace StoreSales.Edge.Configuration;

/// <summary>
/// Checks a configuration section against the options type it binds to before binding, naming the full key of
/// each problem: a key the type does not have, an enum-typed value that is not one of the enum's names, and a
/// true/false setting that is neither, and a whole-number setting that is not one.
/// </summary>
/// <remarks>
/// Why not leave it to the binder: inside a list (<c>Barcodes:Scan:VariableMeasureRules:0:ValueKind</c>) the
/// binder either drops the whole element without a word (lenient binding) or throws a message that names no key
/// (<c>ErrorOnUnknownConfiguration</c>); and it takes a number (<c>"7"</c>) for any enum, defined or not.
/// Names are compared ignoring case, as the binder does.
/// </remarks>
internal static class ConfigurationShape
{
    /// <summary>Adds one line per problem in <paramref name="section"/> (bound to <paramref name="type"/>) to <paramref name="errors"/>.</summary>
    public static void Check(IConfigurationSection section, Type type, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is null && !IsCollection(property.PropertyType))
            {
                var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.SetMethod is not null || IsCollection(p.PropertyType))
                    .Select(p => p.Name);
                errors.Add($"{child.Path}: unknown key (known: {string.Join(", ", known)})");
                continue;
            }

            CheckValue(child, property.PropertyType, errors);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum)
        {
            var names = Enum.GetNames(target);
            if (section.Value is { } value && !names.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{section.Path}: '{value}' is not allowed (allowed: {string.Join(", ", names)})");
            }

            return;
        }

        // The binder's own message for "yes" names no key inside a list or dictionary.
        if (target == typeof(bool))
        {
            if (section.Value is { } flag && !bool.TryParse(flag.Trim(), out _))
            {
                errors.Add($"{section.Path}: '{flag}' is not allowed (allowed: true, false)");
            }

            return;
        }

        if (target == typeof(int))
        {
            if (section.Value is { } number && !int.TryParse(number.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"{section.Path}: '{number}' is not allowed (allowed: a whole number)");
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, element, errors);
            }
        }
        else if (target.IsClass && target != typeof(string) && section.Value is null)
        {
            Check(section, target, errors);
        }
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>The element type of a list or array, the value type of a dictionary; null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (!IsCollection(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }
}
