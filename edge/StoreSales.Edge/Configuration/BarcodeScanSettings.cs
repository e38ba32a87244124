using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;

namespace StoreSales.Edge.Configuration;

/// <summary>
/// Reads the <c>Barcodes:Scan</c> section the one way the agent, <c>decode</c> and <c>doctor</c> share: the
/// section's shape checked first (<see cref="ConfigurationShape"/>: a misspelt key or a value such as
/// <c>ValueKind: Weight</c> names its key and the allowed values), then bound, then the rules checked
/// (<see cref="ScanDecoderOptions.Validate"/>). Every problem is an <see cref="OptionsValidationException"/>, so a
/// rule is never skipped silently and the agent does not start.
/// </summary>
public static class BarcodeScanSettings
{
    /// <summary>Binds <paramref name="configuration"/>'s <c>Barcodes:Scan</c> into <paramref name="options"/>; throws when its shape is wrong.</summary>
    public static void Bind(IConfiguration configuration, ScanDecoderOptions options)
    {
        var section = configuration.GetSection(ScanDecoderOptions.SectionName);
        var errors = new List<string>();
        ConfigurationShape.Check(section, typeof(ScanDecoderOptions), errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ScanDecoderOptions), errors);
        }

        section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
    }

    /// <summary>The checked options of <paramref name="configuration"/>; throws naming every problem.</summary>
    public static ScanDecoderOptions Read(IConfiguration configuration)
    {
        var options = new ScanDecoderOptions();
        Bind(configuration, options);
        return options.Validate() is { } error
            ? throw new OptionsValidationException(Options.DefaultName, typeof(ScanDecoderOptions), [error])
            : options;
    }
}
