using System.Globalization;

namespace Sagewright.Tests.Infrastructure;

/// <summary>Runs code under another current culture, for the determinism tests (output must not depend on it).</summary>
public static class CultureScope
{
    /// <summary>Runs <paramref name="action"/> with <paramref name="culture"/> as the current culture and UI culture,
    /// restoring both afterwards.</summary>
    public static T Run<T>(CultureInfo culture, Func<T> action)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
