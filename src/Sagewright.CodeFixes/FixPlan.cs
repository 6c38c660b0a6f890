using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sagewright.CodeFixes;

/// <summary>The fix a diagnostic asks for, read from <see cref="Diagnostic.Properties"/>. The model
/// computes the properties (it knows the right values); the fixer only applies them. Contract:
/// <list type="bullet">
/// <item><c>fix.title</c>: the code action's title (required).</item>
/// <item><c>fix.set.&lt;Name&gt;</c>: C# expression for the named argument <c>Name</c> of the attribute the
/// diagnostic is in; replaces the argument's value if present, appends <c>Name = value</c> otherwise.</item>
/// <item><c>fix.replace</c>: C# expression that replaces the value of the attribute argument the diagnostic
/// is on (a <c>Name =</c> or <c>name:</c> prefix stays).</item>
/// <item><c>fix.addAttributes</c>: attribute lists such as <c>[Tag("team", "TODO")]</c>, one per line, added
/// to the class the diagnostic's attribute belongs to, after its existing attribute lists.</item>
/// </list>
/// A plan is all or nothing: if any part does not parse, there is no fix.</summary>
internal sealed class FixPlan
{
    public const string TitleKey = "fix.title";
    public const string SetPrefix = "fix.set.";
    public const string ReplaceKey = "fix.replace";
    public const string AddAttributesKey = "fix.addAttributes";

    private FixPlan(string title, ImmutableArray<(string Name, ExpressionSyntax Value)> sets, ExpressionSyntax? replace, ImmutableArray<AttributeListSyntax> addAttributes)
    {
        Title = title;
        Sets = sets;
        Replace = replace;
        AddAttributes = addAttributes;
    }

    public string Title { get; }

    /// <summary>Named arguments to set, ordered by name.</summary>
    public ImmutableArray<(string Name, ExpressionSyntax Value)> Sets { get; }

    public ExpressionSyntax? Replace { get; }

    /// <summary>Attribute lists to add, in the given order, without trivia.</summary>
    public ImmutableArray<AttributeListSyntax> AddAttributes { get; }

    /// <summary>The plan in the properties, or null if there is none or any part of it is malformed.</summary>
    public static FixPlan? From(ImmutableDictionary<string, string?> properties, CSharpParseOptions options)
    {
        if (properties.IsEmpty
            || !properties.TryGetValue(TitleKey, out var title)
            || string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var sets = ImmutableArray.CreateBuilder<(string, ExpressionSyntax)>();
        foreach (var property in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!property.Key.StartsWith(SetPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = property.Key.Substring(SetPrefix.Length);
            if (!SyntaxFacts.IsValidIdentifier(name) || ParseExpression(property.Value, options) is not { } value)
            {
                return null;
            }

            sets.Add((name, value));
        }

        ExpressionSyntax? replace = null;
        if (properties.TryGetValue(ReplaceKey, out var replaceText) && (replace = ParseExpression(replaceText, options)) is null)
        {
            return null;
        }

        var lists = ImmutableArray.CreateBuilder<AttributeListSyntax>();
        if (properties.TryGetValue(AddAttributesKey, out var attributesText))
        {
            foreach (var line in (attributesText ?? string.Empty).Split('\n'))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (ParseAttributeList(line.Trim(), options) is not { } list)
                {
                    return null;
                }

                lists.Add(list);
            }
        }

        if (sets.Count == 0 && replace is null && lists.Count == 0)
        {
            return null;
        }

        return new FixPlan(title!, sets.ToImmutable(), replace, lists.ToImmutable());
    }

    private static ExpressionSyntax? ParseExpression(string? text, CSharpParseOptions options)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var expression = SyntaxFactory.ParseExpression(text!, options: options, consumeFullText: true);
        return expression.ContainsDiagnostics || expression.IsMissing ? null : expression.WithoutTrivia();
    }

    /// <summary>One attribute list such as <c>[Tag("team", "TODO")]</c>: no target (<c>assembly:</c>), nothing else.</summary>
    private static AttributeListSyntax? ParseAttributeList(string text, CSharpParseOptions options)
    {
        var unit = SyntaxFactory.ParseCompilationUnit(text + "\nclass C { }", options: options);
        if (unit.ContainsDiagnostics
            || unit.Externs.Count != 0 || unit.Usings.Count != 0 || unit.AttributeLists.Count != 0
            || unit.Members.Count != 1
            || unit.Members[0] is not ClassDeclarationSyntax { AttributeLists: { Count: 1 } lists } declaration
            || declaration.Modifiers.Count != 0
            || lists[0].Target is not null)
        {
            return null;
        }

        return lists[0].WithoutTrivia();
    }
}
