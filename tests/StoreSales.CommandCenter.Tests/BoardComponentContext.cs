using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace StoreSales.CommandCenter.Tests;

/// <summary>A bUnit context with what the command center's components need: texts, MudBlazor, a culture, the sales-force settings at their defaults.</summary>
public abstract class BoardComponentContext : BunitContext
{
    protected BoardComponentContext(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Services.AddLocalization();
        Services.AddMudServices();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.Reps.ProcessHealthOptions()));
        JSInterop.Mode = JSRuntimeMode.Loose;
        // As in the browser once the live connection is up; a test of the first paint sets a static renderer.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }
}
