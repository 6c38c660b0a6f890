using System.Globalization;

namespace Sagewright.Cli.Output;

/// <summary>Numbers and counted nouns in every output: invariant digits, singular only for one.</summary>
internal static class Words
{
    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 file", "3 files".</summary>
    public static string Plural(int n, string one, string many) => Number(n) + " " + (n == 1 ? one : many);
}
