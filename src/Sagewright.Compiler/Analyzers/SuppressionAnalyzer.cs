using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Diagnostics;

namespace Sagewright.Compiler.Analyzers;

/// <summary>SGW900: a security rule (SGW2xx) suppressed in source without saying why.
/// <list type="bullet">
/// <item><c>[SuppressMessage]</c> / <c>[UnconditionalSuppressMessage]</c> (on any target, including
/// <c>assembly:</c> and <c>module:</c>) whose check ID is an SGW2xx rule and whose <c>Justification</c> is
/// missing, blank or a placeholder in angle brackets (<c>"&lt;Pending&gt;"</c>, which the IDE inserts).</item>
/// <item><c>#pragma warning disable</c> naming an SGW2xx rule, or naming no rule at all (which disables
/// every rule), without a comment on the same line that gives the reason.</item>
/// </list>
/// Severity settings (<c>dotnet_diagnostic.SGW2xx.severity</c>, <c>NoWarn</c>) are not tied to a location in
/// source, so they cannot be checked here.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SuppressionAnalyzer : DiagnosticAnalyzer
{
    public const string RulesProperty = "Rules";

    private const string SuppressMessage = "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute";
    private const string UnconditionalSuppressMessage = "System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SecuritySuppressedWithoutJustification);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxTreeAction(AnalyzePragmas);
        context.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
    }

    private static void AnalyzePragmas(SyntaxTreeAnalysisContext context)
    {
        var root = context.Tree.GetRoot(context.CancellationToken);
        if (!root.ContainsDirectives)
        {
            return;
        }

        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            if (directive is not PragmaWarningDirectiveTriviaSyntax pragma || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword)
                || !pragma.IsActive)
            {
                continue;
            }

            var rules = pragma.ErrorCodes
                .Select(code => code is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : string.Empty)
                .Where(RuleIds.IsSecurityRule)
                .Distinct()
                .ToList();
            var all = pragma.ErrorCodes.Count == 0;
            if ((rules.Count == 0 && !all) || HasReason(pragma))
            {
                continue;
            }

            var end = all ? pragma.DisableOrRestoreKeyword.Span.End : pragma.ErrorCodes.Last().Span.End;
            var location = Location.Create(context.Tree, TextSpan.FromBounds(pragma.HashToken.SpanStart, end));
            var message = all
                ? "'#pragma warning disable' without rule IDs disables every rule, including the Sagewright security rules (SGW2xx), and gives no reason: name the rules and say why in a comment on the same line (#pragma warning disable SGW201 // why it is safe)"
                : string.Format(CultureInfo.InvariantCulture,
                    "'#pragma warning disable {0}' suppresses {1} without a reason: say why in a comment on the same line (#pragma warning disable {0} // why it is safe)",
                    string.Join(", ", rules), rules.Count == 1 ? "a security rule" : "security rules");
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecuritySuppressedWithoutJustification, location,
                ImmutableDictionary<string, string?>.Empty.Add(RulesProperty, all ? "*" : string.Join(",", rules)), message));
        }
    }

    /// <summary>A <c>//</c> comment on the pragma's line that says something (a bare <c>//</c> or a placeholder
    /// such as <c>// &lt;reason&gt;</c> does not). A directive allows no other comment: <c>/* … */</c> there is
    /// skipped text (CS1696).</summary>
    private static bool HasReason(PragmaWarningDirectiveTriviaSyntax pragma)
    {
        foreach (var trivia in pragma.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && IsJustification(trivia.ToString().Substring(2)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Not blank, and not only a placeholder in angle brackets such as <c>&lt;Pending&gt;</c> or <c>&lt;reason&gt;</c>.</summary>
    internal static bool IsJustification(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return false;
        }

        return !(trimmed[0] == '<' && trimmed[trimmed.Length - 1] == '>' && trimmed.IndexOf('>') == trimmed.Length - 1);
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        var simpleName = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        if (simpleName is not ("SuppressMessage" or "SuppressMessageAttribute" or "UnconditionalSuppressMessage" or "UnconditionalSuppressMessageAttribute")
            || attribute.ArgumentList is not { } arguments)
        {
            return;
        }

        var semanticModel = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (semanticModel.GetSymbolInfo(attribute, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { } type } constructor
            || type.ToDisplayString() is not (SuppressMessage or UnconditionalSuppressMessage))
        {
            return;
        }

        // checkId is the second constructor parameter, written by position or by name (in any order).
        var checkId = Binder.ConstructorArgument(attribute, constructor, 1) is { } checkIdArgument ? ConstantString(checkIdArgument) : null;
        string? justification = null;
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == "Justification")
            {
                justification = ConstantString(argument.Expression);
            }
        }

        // "SGW201:Hard-coded AWS credentials" or "SGW201": the ID is what comes before the colon.
        var id = checkId is null ? string.Empty : (checkId.IndexOf(':') is var colon and >= 0 ? checkId.Substring(0, colon) : checkId).Trim();
        if (!RuleIds.IsSecurityRule(id) || IsJustification(justification))
        {
            return;
        }

        var message = string.Format(CultureInfo.InvariantCulture,
            justification is null
                ? "[{0}] suppresses the security rule {1} without a Justification: say why the suppression is safe (Justification = \"…\")"
                : "[{0}] suppresses the security rule {1} with an empty or placeholder Justification: say why the suppression is safe",
            type.Name.Substring(0, type.Name.Length - "Attribute".Length), id);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecuritySuppressedWithoutJustification, attribute.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(RulesProperty, id), message));

        string? ConstantString(ExpressionSyntax expression) =>
            semanticModel.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string s } ? s : null;
    }
}
