// Minimal polyfills so modern C# compiles for netstandard2.0 without a polyfill package
// (the compiler host must load this assembly with no extra dependencies).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
