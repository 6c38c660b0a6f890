using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Sagewright.CodeFixes;

/// <summary>Applies a <see cref="FixPlan"/> to a syntax tree. Pure syntax, no formatter: every token gets
/// its trivia explicitly, copied from its neighbours, so the result keeps the file's layout and is the
/// same wherever it runs.</summary>
internal static class AttributeEdits
{
    private static readonly SyntaxTrivia Space = SyntaxFactory.Space;

    /// <summary>The new root, or null when the span no longer maps to something the plan can edit
    /// (no attribute, no argument at the span for a replacement, no class for added attributes).</summary>
    public static SyntaxNode? Apply(SyntaxNode root, TextSpan span, FixPlan plan)
    {
        if (span.End > root.FullSpan.End)
        {
            return null;
        }

        var attribute = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
        if (attribute is null)
        {
            return null;
        }

        var edited = attribute;
        if (plan.Replace is { } replacement)
        {
            var argument = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.Span == span || a.Expression.Span == span);
            if (argument is null)
            {
                return null;
            }

            edited = edited.ReplaceNode(argument.Expression, replacement.WithTriviaFrom(argument.Expression));
        }

        foreach (var (name, value) in plan.Sets)
        {
            edited = SetNamedArgument(edited, name, value);
        }

        if (plan.AddAttributes.IsEmpty)
        {
            return root.ReplaceNode(attribute, edited);
        }

        if (attribute.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        return root.ReplaceNode(type, AddAttributeLists(type.ReplaceNode(attribute, edited), plan, root));
    }

    /// <summary>Sets <c>name = value</c>: replaces the value of an existing named argument (keeping its
    /// trivia), or appends one after the last argument in the list's own separator style.</summary>
    internal static AttributeSyntax SetNamedArgument(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        if (existing is not null)
        {
            return attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        }

        var argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(
                SyntaxFactory.IdentifierName(name),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(Space), SyntaxKind.EqualsToken, SyntaxFactory.TriviaList(Space))),
            nameColon: null,
            value);

        if (attribute.ArgumentList is not { } list)
        {
            // [Spot] → [Spot(Name = value)]; trivia after the name moves after the parentheses.
            var nameTrailing = attribute.Name.GetTrailingTrivia();
            return attribute
                .WithName(attribute.Name.WithoutTrailingTrivia())
                .WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)).WithTrailingTrivia(nameTrailing));
        }

        var arguments = list.Arguments;
        if (arguments.Count == 0)
        {
            return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SingletonSeparatedList(argument)));
        }

        // Follow the list's layout: after the last separator's line break (one argument per line) with the
        // last argument's indentation, else ", ". Whatever trailed the last argument now trails the new one.
        var last = arguments[arguments.Count - 1];
        var separatorTrailing = SyntaxFactory.TriviaList(Space);
        if (arguments.SeparatorCount > 0
            && arguments.GetSeparator(arguments.SeparatorCount - 1).TrailingTrivia.LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is var eol
            && eol.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            separatorTrailing = SyntaxFactory.TriviaList(eol);
            argument = argument.WithLeadingTrivia(last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        }

        var separator = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, separatorTrailing);
        var items = arguments.GetWithSeparators()
            .Replace(last, last.WithoutTrailingTrivia())
            .Add(separator)
            .Add(argument.WithTrailingTrivia(last.GetTrailingTrivia()));
        return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(items)));
    }

    /// <summary>Adds each attribute list after the type's existing ones: each on its own line with the
    /// type's indentation when the existing lists are on their own lines, else on the same line.</summary>
    internal static TypeDeclarationSyntax AddAttributeLists(TypeDeclarationSyntax type, FixPlan plan, SyntaxNode root)
    {
        var lists = type.AttributeLists;
        var leading = type.GetLeadingTrivia();
        var indentation = Indentation(leading);
        if (lists.Count == 0)
        {
            // Before the modifiers: the first new list takes the type's leading trivia (comments, doc comments).
            var lineBreak = FirstLineBreak(root);
            var added = plan.AddAttributes.Select((l, i) => l.WithLeadingTrivia(i == 0 ? leading : indentation).WithTrailingTrivia(lineBreak));
            return type.WithLeadingTrivia(indentation).WithAttributeLists(SyntaxFactory.List(added));
        }

        var last = lists[lists.Count - 1];
        var eol = last.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLists = eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? plan.AddAttributes.Select(l => l.WithLeadingTrivia(indentation).WithTrailingTrivia(eol))
            : plan.AddAttributes.Select(l => l.WithTrailingTrivia(Space));
        return type.WithAttributeLists(lists.AddRange(newLists));
    }

    /// <summary>The whitespace that starts the line a node is on: what follows the last line break
    /// (or comment) in its leading trivia.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var start = leading.Count;
        while (start > 0 && leading[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            start--;
        }

        return SyntaxFactory.TriviaList(leading.Skip(start));
    }

    private static SyntaxTrivia FirstLineBreak(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is var eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.EndOfLine("\n");
}
