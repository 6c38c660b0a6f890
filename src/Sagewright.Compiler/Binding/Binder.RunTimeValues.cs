using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sagewright.Compiler.Binding;

/// <summary>Numbers and enum settings that the pipeline definition also takes as a run-time value
/// (<c>{"Get": "Parameters.X"}</c>): read from their string companion (<c>CountParameter = nameof(P.X)</c>), and the
/// mistake of writing the parameter's constant (its default) where a number is expected.</summary>
internal sealed partial class Binder
{
    /// <summary>The value of a companion property such as <c>CountParameter</c>, or null; SGW015 when the literal
    /// property <paramref name="literalName"/> is given as well.</summary>
    private ValueSource? NamedRunTimeValue(AttributeData attribute, string name, string literalName, Origin at, List<Finding> findings)
    {
        var value = NamedValue(attribute, name, at, findings);
        if (value is not null && attribute.NamedArguments.Any(p => p.Key == literalName))
        {
            findings.Add(new Finding(RuleIds.SettingConflict, at.WithNamed(name), "[" + AttributeNames.ShortName(attribute.AttributeClass) + "]",
                literalName, literalName, name, "keep " + name + " to take it from the parameter, or " + literalName + " for a fixed value"));
        }

        return value;
    }

    /// <summary>Reports every non-string argument of <paramref name="attribute"/> that is a <c>[Parameter]</c>
    /// constant: C# passes its default value, fixed at build time, so overriding the parameter would change nothing.
    /// (String arguments read as values get the same finding from <see cref="ReadValue"/>.)</summary>
    private void ReportParameterDefaults(AttributeData attribute, Origin at, List<Finding> findings)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax { ArgumentList: { } list } syntax
            || Model(syntax.SyntaxTree) is not { } model)
        {
            return;
        }

        var position = 0;
        foreach (var argument in list.Arguments)
        {
            var index = position;
            if (argument.NameColon is { } colon && attribute.AttributeConstructor is { } constructor)
            {
                index = constructor.Parameters.IndexOf(constructor.Parameters.FirstOrDefault(p => p.Name == colon.Name.Identifier.ValueText)!);
            }

            if (argument.NameEquals is null)
            {
                position++;
            }

            var expression = Unparenthesize(argument.Expression);
            if (expression is not (MemberAccessExpressionSyntax or IdentifierNameSyntax)
                || model.GetSymbolInfo(expression, _cancellationToken).Symbol is not IFieldSymbol { IsConst: true } field
                || field.Type.SpecialType == SpecialType.System_String
                || IndexOf(field.GetAttributes(), AttributeNames.Parameter) < 0)
            {
                continue;
            }

            var named = argument.NameEquals?.Name.Identifier.ValueText;
            var origin = named is not null ? at.WithNamed(named) : index >= 0 ? at.WithArgument(index) : at.AttributeOnly;
            var reference = "nameof(" + field.ContainingType.Name + "." + field.Name + ")";
            findings.Add(new Finding(RuleIds.TypeMismatch, origin,
                "This passes the default value of parameter '" + field.Name + "' as a fixed value, so overriding the parameter when the pipeline runs would change nothing; "
                + RunTimeFix(attribute.AttributeClass, named, reference)));
        }
    }

    /// <summary>How to take the setting from the parameter instead, where Sagewright supports it.</summary>
    private static string RunTimeFix(INamedTypeSymbol? attribute, string? named, string reference) => (AttributeNames.Of(attribute), named) switch
    {
        (AttributeNames.Instance, nameof(InstanceAttribute.Count)) => "write " + nameof(InstanceAttribute.CountParameter) + " = " + reference + " to use the parameter",
        (AttributeNames.Instance, nameof(InstanceAttribute.VolumeSizeInGB)) => "write " + nameof(InstanceAttribute.VolumeSizeParameter) + " = " + reference + " to use the parameter",
        (AttributeNames.MaxRuntime, null) => "write [" + AttributeNames.ShortName(attribute) + "(" + reference + ")] to use the parameter",
        _ => "this setting cannot come from a parameter; write the value itself",
    };

    /// <summary>A text argument the API stores as fixed text (a tag key or value, a metadata key): the constant, with
    /// SGW016 when it is written as a reference (<c>nameof</c> a parameter or execution variable, or an interpolated
    /// string of them), which C# would turn into the reference's bare name.</summary>
    private string? FixedText(AttributeData attribute, int index, Origin at, List<Finding> findings, string what, string why)
    {
        var text = ConstructorString(attribute, index);
        var origin = at.WithArgument(index);
        if (PositionalArgument(attribute, index) is { } expression && !ReadValue(text, expression, origin, new List<Finding>()).IsLiteral)
        {
            findings.Add(new Finding(RuleIds.ValueNotInSource, origin, what, "taken from " + expression, why + "; write the text itself"));
        }

        return text;
    }
}
