using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Sagewright.CodeFixes.Tests.Infrastructure;

/// <summary>A stand-in for a Sagewright rule, to test the fixer's operations before the real rules compute
/// fix properties: reports <see cref="Id"/> with the given properties on every attribute named
/// <see cref="AttributeName"/> for which <see cref="When"/> holds, at the whole attribute, or at the named
/// argument <see cref="At"/> (its whole <c>Name = value</c>) or positional argument <see cref="AtPosition"/>
/// (its expression). Rules report only while the problem is there, so a fixed attribute is reported no more.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class TestAnalyzer : DiagnosticAnalyzer
{
    public required string Id { get; init; }

    public required string AttributeName { get; init; }

    public Func<AttributeSyntax, bool> When { get; init; } = _ => true;

    public string? At { get; init; }

    public int? AtPosition { get; init; }

    public ImmutableDictionary<string, string?> Properties { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>A rule whose properties are the given (key, value) pairs.</summary>
    public static ImmutableDictionary<string, string?> Fix(params (string Key, string? Value)[] properties) =>
        properties.ToImmutableDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        [new DiagnosticDescriptor(Id, "Test rule", "Test rule on [{0}]", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true)];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.Attribute);
    }

    /// <summary>The value of a named argument, as written.</summary>
    public static string? Named(AttributeSyntax attribute, string name) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression.ToString();

    private void Analyze(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.Name.ToString() != AttributeName || !When(attribute))
        {
            return;
        }

        SyntaxNode? target = attribute;
        if (At is { } name)
        {
            target = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        }
        else if (AtPosition is { } position)
        {
            target = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ElementAtOrDefault(position)?.Expression;
        }

        if (target is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(SupportedDiagnostics[0], target.GetLocation(), Properties, AttributeName));
        }
    }
}
