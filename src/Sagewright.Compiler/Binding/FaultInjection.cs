using System.Threading;

namespace Sagewright.Compiler.Binding;

/// <summary>A test seam: lets the tests make binding one class throw, to check that an internal failure stays that
/// pipeline's (SGW012). Unset outside the tests; flows with the async context, so concurrent tests do not interfere.</summary>
internal static class FaultInjection
{
    /// <summary>Given the metadata name of the class being bound, the exception to throw, or null.</summary>
    public static readonly AsyncLocal<Func<string, Exception?>?> OnBind = new();

    public static void Check(string typeName)
    {
        if (OnBind.Value?.Invoke(typeName) is { } fault)
        {
            throw fault;
        }
    }
}
