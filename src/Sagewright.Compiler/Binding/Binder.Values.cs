using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Model.Json;

namespace Sagewright.Compiler.Binding;

/// <summary>Reading a value as written in an attribute argument: text, a constant, <c>nameof</c> a parameter, an
/// output, an expression or an execution variable, <c>typeof</c> a step, or an interpolated string of those.</summary>
internal sealed partial class Binder
{
    private ValueSource ConstructorValue(AttributeData attribute, int index, Origin at, List<Finding> findings)
    {
        var origin = at.WithArgument(index);
        var constant = index < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[index] : default;
        var text = constant.Kind == TypedConstantKind.Primitive ? constant.Value as string : null;
        return ReadValue(text, PositionalArgument(attribute, index), origin, findings);
    }

    private ValueSource? NamedValue(AttributeData attribute, string name, Origin at, List<Finding> findings)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            // An optional setting set to null is simply not set.
            if (pair.Key == name && !pair.Value.IsNull)
            {
                return ReadValue(pair.Value.Value as string, NamedArgument(attribute, name), at.WithNamed(name), findings);
            }
        }

        return null;
    }

    /// <summary>The values of a <c>params string[]</c> constructor parameter at <paramref name="index"/>. When the
    /// values were written one by one, each keeps its own argument as its origin.</summary>
    private IEnumerable<ValueSource> ParamsValues(AttributeData attribute, int index, Origin at, List<Finding> findings)
    {
        if (attribute.ConstructorArguments.Length <= index || attribute.ConstructorArguments[index].Kind != TypedConstantKind.Array)
        {
            yield break;
        }

        if (attribute.ConstructorArguments[index].IsNull)
        {
            // [ContainerArguments(null)] passes a null array, whose Values are a default ImmutableArray.
            findings.Add(new Finding(RuleIds.RequiredSettingMissing, at.WithArgument(index), "This value must not be null"));
            yield break;
        }

        var values = attribute.ConstructorArguments[index].Values;
        var oneToOne = PositionalCount(attribute) == index + values.Length;
        for (var i = 0; i < values.Length; i++)
        {
            // Written one by one, element i is argument index + i (the first may be written by name, anywhere).
            yield return oneToOne
                ? ReadValue(values[i].Value as string, PositionalArgument(attribute, index + i), at.WithArgument(index + i), findings)
                : ReadValue(values[i].Value as string, null, at, findings);
        }
    }

    private int PositionalCount(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.Count(a => a.NameEquals is null)
            : -1;

    /// <summary>Reads a string argument: <c>nameof(Pipeline.Parameter)</c> and <c>nameof(Step.Output)</c>
    /// become references, an interpolated string with such <c>nameof</c> holes becomes their concatenation, anything
    /// else is literal text.</summary>
    private ValueSource ReadValue(string? text, ExpressionSyntax? expression, Origin origin, List<Finding> findings)
    {
        var bare = Unparenthesize(expression);
        if (bare is InvocationExpressionSyntax invocation && Model(invocation.SyntaxTree) is { } model && IsNameof(invocation, model))
        {
            // An unresolvable nameof is already a C# compile error; do not add a second one.
            return ReadReference(invocation, model, origin, findings, inInterpolation: false) ?? ValueSource.Literal(text ?? string.Empty, origin);
        }

        if (bare is InterpolatedStringExpressionSyntax interpolated && ReadInterpolated(text, interpolated, origin, findings) is { } joined)
        {
            return joined;
        }

        if (bare is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation)
        {
            ReportConcatenatedReference(concatenation, origin, findings);
        }

        if (expression is MemberAccessExpressionSyntax or IdentifierNameSyntax
            && Model(expression.SyntaxTree) is { } valueModel
            && valueModel.GetSymbolInfo(expression, _cancellationToken).Symbol is IFieldSymbol constant)
        {
            if (IndexOf(constant.GetAttributes(), AttributeNames.Parameter) >= 0)
            {
                findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                    "This passes the default value of parameter '" + constant.Name + "' as fixed text; write nameof(" + constant.ContainingType.Name + "." + constant.Name + ") to use the parameter"));
            }
            else if (IndexOf(constant.GetAttributes(), AttributeNames.Output) >= 0)
            {
                findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                    "This passes the name of output '" + constant.Name + "' as fixed text; write nameof(" + constant.ContainingType.Name + "." + constant.Name + ") to use the output's S3 location"));
            }
        }

        if (text is null)
        {
            findings.Add(new Finding(RuleIds.RequiredSettingMissing, origin, "This value must not be null"));
            return ValueSource.Literal(string.Empty, origin);
        }

        return ValueSource.Literal(text, origin);
    }

    private static ExpressionSyntax? Unparenthesize(ExpressionSyntax? expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>True for the <c>nameof</c> operator (not a method that happens to be called nameof).</summary>
    private bool IsNameof(InvocationExpressionSyntax invocation, SemanticModel model) =>
        invocation is { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 }
        && model.GetSymbolInfo(invocation, _cancellationToken).Symbol is null;

    /// <summary>The reference a <c>nameof</c> stands for, or null (with a finding when it names something Sagewright
    /// does not know; nothing when C# could not resolve it, which is a compile error already).</summary>
    private ValueSource? ReadReference(InvocationExpressionSyntax invocation, SemanticModel model, Origin origin, List<Finding> findings, bool inInterpolation)
    {
        var info = model.GetSymbolInfo(invocation.ArgumentList.Arguments[0].Expression, _cancellationToken);
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (symbol is IFieldSymbol field && field.ContainingType is { } owner)
        {
            var attributes = field.GetAttributes();
            if (AttributeNames.IsExecutionClass(owner))
            {
                return new ValueSource(ValueKind.Execution, field.Name, null, field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.Join) >= 0 || IndexOf(attributes, AttributeNames.JsonGet) >= 0 || IndexOf(attributes, AttributeNames.StepProperty) >= 0)
            {
                return new ValueSource(ValueKind.Expression, field.Name, MetadataName(owner), field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.Parameter) >= 0)
            {
                return new ValueSource(ValueKind.Parameter, field.Name, MetadataName(owner), field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.Output) >= 0)
            {
                return new ValueSource(ValueKind.StepOutput, field.Name, MetadataName(owner), field.Name, origin);
            }

            if (IndexOf(attributes, AttributeNames.OutputParameter) >= 0)
            {
                return new ValueSource(ValueKind.OutputParameter, field.Name, MetadataName(owner), field.Name, origin);
            }
        }

        if (symbol is not null)
        {
            findings.Add(new Finding(RuleIds.UnresolvedReference, origin,
                (inInterpolation ? "In this interpolated string, nameof(" : "nameof(") + symbol.Name + ") refers to '" + symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)
                + "', which is not a [Parameter], an [Output], an [OutputParameter], an execution variable, or a [Join], [JsonGet] or [StepProperty] expression"
                + (inInterpolation ? "; write the text itself" : string.Empty)));
        }

        return null;
    }

    /// <summary>An interpolated string whose holes include a Sagewright <c>nameof</c>, as the text and references it
    /// joins; null when no hole is such a reference (the string is then plain text), or when it is not constant.</summary>
    private ValueSource? ReadInterpolated(string? text, InterpolatedStringExpressionSyntax syntax, Origin origin, List<Finding> findings)
    {
        if (Model(syntax.SyntaxTree) is not { } model)
        {
            return null;
        }

        var parts = new List<ValueSource>();
        var pending = new StringBuilder();
        var references = false;
        foreach (var content in syntax.Contents)
        {
            if (content is InterpolatedStringTextSyntax piece)
            {
                // In $"…" and $@"…" strings the token keeps braces doubled; raw strings have no brace escapes.
                var pieceText = piece.TextToken.ValueText;
                pending.Append(syntax.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) || syntax.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken)
                    ? pieceText.Replace("{{", "{").Replace("}}", "}")
                    : pieceText);
                continue;
            }

            if (content is not InterpolationSyntax hole)
            {
                return null;
            }

            if (hole is { AlignmentClause: null, FormatClause: null } && Unparenthesize(hole.Expression) is InvocationExpressionSyntax invocation && IsNameof(invocation, model)
                && ReadReference(invocation, model, origin, findings, inInterpolation: true) is { } reference)
            {
                Flush();
                parts.Add(reference);
                references = true;
                continue;
            }

            var constant = model.GetConstantValue(hole.Expression, _cancellationToken);
            if (!constant.HasValue || constant.Value is not string value)
            {
                return null;
            }

            pending.Append(value);
        }

        Flush();

        // The parts must spell the constant C# computed (each nameof is its name): if they do not, the string is
        // written in a way this reading does not know, and it stays plain text.
        if (!references || (text is not null && !string.Equals(string.Concat(parts.Select(p => p.IsLiteral ? p.Text : p.TargetMember ?? p.Text)), text, StringComparison.Ordinal)))
        {
            return null;
        }

        return new ValueSource(ValueKind.Interpolated, text ?? string.Concat(parts.Select(p => p.Text)), null, null, origin) { Parts = parts.ToEquatableArray() };

        void Flush()
        {
            if (pending.Length > 0)
            {
                parts.Add(ValueSource.Literal(pending.ToString(), origin));
                pending.Clear();
            }
        }
    }

    /// <summary><c>"s3://bucket/" + nameof(Execution.PipelineExecutionId)</c> is the text "s3://bucket/PipelineExecutionId":
    /// say so, and show the interpolated string that means the value.</summary>
    private void ReportConcatenatedReference(BinaryExpressionSyntax concatenation, Origin origin, List<Finding> findings)
    {
        if (Model(concatenation.SyntaxTree) is not { } model)
        {
            return;
        }

        foreach (var invocation in concatenation.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (IsNameof(invocation, model) && ReadReference(invocation, model, origin, new List<Finding>(), inInterpolation: false) is not null)
            {
                var written = invocation.ToString();
                findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                    "'+' adds the text of " + written + " (its name), not its value; write an interpolated string such as $\"...{" + written + "}...\" to use the value"));
                return;
            }
        }
    }
}
