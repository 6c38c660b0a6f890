using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Diagnostics;

namespace Sagewright.Compiler.Analyzers;

/// <summary>SGW201: AWS credentials in any string of the compilation, pipeline code or not. Access key IDs
/// are recognised by their documented prefix and shape wherever they are; 40-character secret access keys
/// only where a name says they are one (a field, property, local, parameter, named argument, attribute
/// argument, dictionary or environment-variable key, or <c>name=value</c> inside the string), so hashes and
/// base-64 data elsewhere stay silent. Syntax-only except for one case (a positional argument whose
/// parameter name matters), which binds only strings that already have the shape of a secret.
/// Messages never repeat the credential.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialAnalyzer : DiagnosticAnalyzer
{
    public const string KindProperty = "Kind";
    public const string PrefixProperty = "Prefix";
    public const string ExampleProperty = "DocumentationExample";

    private const string Advice = "credentials in source code leak with every copy of it; get them at run time from the default credential chain (an IAM role, environment variables or a profile), and deactivate and rotate this key";

    private const string ExampleAdvice = "a placeholder credential in code is where a real one ends up; get credentials at run time from the default credential chain (an IAM role, environment variables or a profile)";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HardCodedCredentials);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(AnalyzeLiteral, SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression);
        context.RegisterSyntaxNodeAction(AnalyzeInterpolatedText, SyntaxKind.InterpolatedStringText);
    }

    private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        Analyze(context, literal.Token, literal, literal);
    }

    private static void AnalyzeInterpolatedText(SyntaxNodeAnalysisContext context)
    {
        var text = (InterpolatedStringTextSyntax)context.Node;
        if (text.Parent is InterpolatedStringExpressionSyntax expression)
        {
            Analyze(context, text.TextToken, text, expression);
        }
    }

    /// <param name="token">The token holding the text.</param>
    /// <param name="reportAt">The node a diagnostic is reported at.</param>
    /// <param name="value">The expression whose context names a secret (the literal, or the whole interpolated string).</param>
    private static void Analyze(SyntaxNodeAnalysisContext context, SyntaxToken token, SyntaxNode reportAt, ExpressionSyntax value)
    {
        var text = token.ValueText;
        if (text.Length < CredentialScanner.MinimumLength)
        {
            return;
        }

        List<CredentialMatch>? matches = null;
        CredentialScanner.FindAccessKeyIds(text, ref matches);
        if (text.Length >= CredentialScanner.SecretAccessKeyLength)
        {
            CredentialScanner.FindSecretCandidates(text, ref matches);
        }

        if (matches is null)
        {
            return;
        }

        string? contextName = null;
        var contextNameKnown = false;
        var searchFrom = 0;
        foreach (var match in matches)
        {
            string message;
            if (match.Kind == CredentialKind.AccessKeyId)
            {
                message = string.Format(CultureInfo.InvariantCulture, "String contains {0} ({1}…, {2} characters{3}): {4}",
                    CredentialScanner.Describe(match.Prefix), match.Prefix, CredentialScanner.AccessKeyIdLength,
                    match.IsDocumentationExample ? "; the example key from the AWS documentation" : string.Empty,
                    match.IsDocumentationExample ? ExampleAdvice : Advice);
            }
            else
            {
                var name = match.Name;
                if (!CredentialScanner.IsSecretName(name))
                {
                    if (!contextNameKnown)
                    {
                        contextName = ContextName(value, context.SemanticModel, context.CancellationToken);
                        contextNameKnown = true;
                    }

                    name = contextName;
                    if (!CredentialScanner.IsSecretName(name))
                    {
                        continue;
                    }
                }

                message = string.Format(CultureInfo.InvariantCulture, "'{1}' is given what looks like an AWS secret access key ({0} characters{2}): {3}",
                    CredentialScanner.SecretAccessKeyLength, name,
                    match.IsDocumentationExample ? "; the example key from the AWS documentation" : string.Empty,
                    match.IsDocumentationExample ? ExampleAdvice : Advice);
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, match.Kind.ToString())
                .Add(ExampleProperty, match.IsDocumentationExample ? "true" : "false");
            if (match.Prefix.Length > 0)
            {
                properties = properties.Add(PrefixProperty, match.Prefix);
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedCredentials, Locate(token, reportAt, text, match, ref searchFrom), properties, message));
        }
    }

    /// <summary>The literal, or in a string that spans lines (a raw or verbatim block), the credential itself,
    /// found in the source text (a credential is letters, digits, '/' and '+', so escapes do not hide it).</summary>
    private static Location Locate(SyntaxToken token, SyntaxNode reportAt, string value, CredentialMatch match, ref int searchFrom)
    {
        var source = token.Text;
        if (source.IndexOf('\n') < 0)
        {
            return reportAt.GetLocation();
        }

        var offset = source.IndexOf(value.Substring(match.Start, match.Length), searchFrom, System.StringComparison.Ordinal);
        if (offset < 0)
        {
            return reportAt.GetLocation();
        }

        searchFrom = offset + match.Length;
        return Location.Create(token.SyntaxTree!, new TextSpan(token.SpanStart + offset, match.Length));
    }

    /// <summary>The name a string value is given by where it is written: the variable, field, property or
    /// parameter it initialises, the member or indexer key it is assigned to, the named or positional
    /// argument it is passed as, or the key written just before it (<c>("AWS_SECRET_ACCESS_KEY", "…")</c>,
    /// <c>{ "aws_secret_access_key", "…" }</c>).</summary>
    internal static string? ContextName(ExpressionSyntax value, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        SyntaxNode node = value;
        while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax
               || (node.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == node)
               || (node.Parent is ConditionalExpressionSyntax conditional && conditional.Condition != node))
        {
            node = node.Parent;
        }

        switch (node.Parent)
        {
            case EqualsValueClauseSyntax equals:
                return equals.Parent switch
                {
                    VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    ParameterSyntax parameter => parameter.Identifier.ValueText,
                    _ => null,
                };

            case ArrowExpressionClauseSyntax arrow:
                return arrow.Parent switch
                {
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    MethodDeclarationSyntax method => method.Identifier.ValueText,
                    AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
                    _ => null,
                };

            case ReturnStatementSyntax:
                foreach (var ancestor in node.Parent.Ancestors())
                {
                    switch (ancestor)
                    {
                        case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                            return null;
                        case PropertyDeclarationSyntax property:
                            return property.Identifier.ValueText;
                        case MethodDeclarationSyntax method:
                            return method.Identifier.ValueText;
                        case MemberDeclarationSyntax:
                            return null;
                    }
                }

                return null;

            case AssignmentExpressionSyntax assignment when assignment.Right == node:
                return TargetName(assignment.Left, semanticModel, cancellationToken);

            case AnonymousObjectMemberDeclaratorSyntax { NameEquals: { } nameEquals }:
                return nameEquals.Name.Identifier.ValueText;

            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                                                              && initializer.Expressions.Count == 2 && initializer.Expressions[1] == node:
                return ConstantString(initializer.Expressions[0], semanticModel, cancellationToken);

            case ArgumentSyntax argument:
                return ArgumentName(argument, semanticModel, cancellationToken);

            case AttributeArgumentSyntax argument:
                return AttributeArgumentName(argument, semanticModel, cancellationToken);

            default:
                return null;
        }
    }

    private static string? TargetName(ExpressionSyntax target, SemanticModel semanticModel, CancellationToken cancellationToken) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access => ConstantString(access.ArgumentList.Arguments[0].Expression, semanticModel, cancellationToken),
        ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } access => ConstantString(access.ArgumentList.Arguments[0].Expression, semanticModel, cancellationToken),
        _ => null,
    };

    private static string? ArgumentName(ArgumentSyntax argument, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (argument.NameColon is { } nameColon)
        {
            return nameColon.Name.Identifier.ValueText;
        }

        if (argument.Parent is not BaseArgumentListSyntax and not TupleExpressionSyntax)
        {
            return null;
        }

        // A key written just before the value: Add("aws_secret_access_key", "…"), SetEnvironmentVariable(…), ("KEY", "…").
        var arguments = argument.Parent is BaseArgumentListSyntax list ? list.Arguments : ((TupleExpressionSyntax)argument.Parent).Arguments;
        var index = arguments.IndexOf(argument);
        if (index > 0 && ConstantString(arguments[index - 1].Expression, semanticModel, cancellationToken) is { } key
            && CredentialScanner.IsSecretName(key))
        {
            return key;
        }

        // The parameter it is passed to: new BasicAWSCredentials(accessKey, "…") passes secretKey.
        return argument.Parent is BaseArgumentListSyntax
               && semanticModel.GetOperation(argument, cancellationToken) is IArgumentOperation { Parameter: { } parameter }
            ? parameter.Name
            : null;
    }

    private static string? AttributeArgumentName(AttributeArgumentSyntax argument, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (argument.NameEquals is { } nameEquals)
        {
            return nameEquals.Name.Identifier.ValueText;
        }

        if (argument.NameColon is { } nameColon)
        {
            return nameColon.Name.Identifier.ValueText;
        }

        if (argument.Parent is not AttributeArgumentListSyntax list)
        {
            return null;
        }

        // [Environment("AWS_SECRET_ACCESS_KEY", "…")]: the key written just before the value.
        var index = list.Arguments.IndexOf(argument);
        if (index > 0 && list.Arguments[index - 1] is { NameEquals: null } previous
            && ConstantString(previous.Expression, semanticModel, cancellationToken) is { } key
            && CredentialScanner.IsSecretName(key))
        {
            return key;
        }

        // Positional arguments come first, so the position is the parameter's (the last may be params).
        if (list.Parent is AttributeSyntax attribute
            && semanticModel.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: > 0 } constructor)
        {
            return constructor.Parameters[System.Math.Min(index, constructor.Parameters.Length - 1)].Name;
        }

        return null;
    }

    /// <summary>A string literal's value without binding; other constants (a const field, nameof) through the semantic model.</summary>
    private static string? ConstantString(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        expression is LiteralExpressionSyntax literal
            ? literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null
            : semanticModel.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string value } ? value : null;
}
