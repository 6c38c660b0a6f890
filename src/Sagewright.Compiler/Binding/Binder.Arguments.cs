using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Model.Json;

namespace Sagewright.Compiler.Binding;

/// <summary>Finding an attribute's arguments in source (positional, named, <c>params</c>) and reading constant ones,
/// and the order of attributes and members in source (file path, then position).</summary>
internal sealed partial class Binder
{
    private ExpressionSyntax? PositionalArgument(AttributeData attribute, int index) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax syntax
            ? ConstructorArgument(syntax, attribute.AttributeConstructor, index)
            : null;

    /// <summary>The expression written for constructor parameter <paramref name="index"/>, by position or by
    /// <c>name:</c>; for a <c>params</c> array written element by element, the element at that position.</summary>
    internal static ExpressionSyntax? ConstructorArgument(AttributeSyntax syntax, IMethodSymbol? constructor, int index)
    {
        if (syntax.ArgumentList is not { } list)
        {
            return null;
        }

        var parameterName = constructor is not null && index < constructor.Parameters.Length ? constructor.Parameters[index].Name : null;
        var position = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is { } colon)
            {
                if (colon.Name.Identifier.ValueText == parameterName)
                {
                    return argument.Expression;
                }
            }
            else if (position == index)
            {
                return argument.Expression;
            }

            position++;
        }

        return null;
    }

    private ExpressionSyntax? NamedArgument(AttributeData attribute, string name) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression
            : null;

    private SemanticModel? Model(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        if (!_models.TryGetValue(tree, out var model))
        {
#pragma warning disable RS1030 // The binder needs the semantic model of attribute arguments, which may sit in another partial declaration's tree.
            model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            _models[tree] = model;
        }

        return model;
    }

    /// <summary>The indexes of the attributes in source order: by file path, then position. <c>GetAttributes()</c> follows
    /// the order of the syntax trees in the compilation, which for a partial class split over files is the order of the
    /// compile items; the output must not depend on it.</summary>
    internal static IEnumerable<int> InSourceOrder(ImmutableArray<AttributeData> attributes)
    {
        SyntaxTree? first = null;
        var oneTree = true;
        foreach (var attribute in attributes)
        {
            var tree = attribute.ApplicationSyntaxReference?.SyntaxTree;
            first ??= tree;
            oneTree &= tree is null || tree == first;
        }

        return oneTree
            ? Enumerable.Range(0, attributes.Length)
            : Enumerable.Range(0, attributes.Length).OrderBy(i => attributes[i].ApplicationSyntaxReference, SourceOrder.Instance).ThenBy(i => i);
    }

    /// <summary>The members in source order (see <see cref="InSourceOrder"/>); members without source come last.</summary>
    internal static IEnumerable<ISymbol> MembersInSourceOrder(INamedTypeSymbol type)
    {
        var members = type.GetMembers();
        if (type.DeclaringSyntaxReferences.Length < 2)
        {
            return members;
        }

        return members.Select((m, i) => (Member: m, Index: i))
            .OrderBy(m => m.Member.DeclaringSyntaxReferences.FirstOrDefault(), SourceOrder.Instance)
            .ThenBy(m => m.Index)
            .Select(m => m.Member);
    }

    internal static int IndexOf(ImmutableArray<AttributeData> attributes, string name)
    {
        foreach (var i in InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A table indexed by the numeric value of an annotation enum, written as <c>((int)E.A, nameof(E.A))</c>
    /// pairs so that renaming, removing or renumbering a member fails the build or follows it. The constant cast and
    /// <c>nameof</c> compile to literals: nothing here loads the annotations assembly, which the analyzer host does not
    /// have. Values that no entry names are default (null).</summary>
    private static T?[] ByValue<T>(params (int Value, T Item)[] entries)
    {
        var table = new T?[entries.Max(e => e.Value) + 1];
        foreach (var (value, item) in entries)
        {
            table[value] = item;
        }

        return table;
    }

    private static string? ConstructorString(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[index].Value as string
            : null;

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value as string;
            }
        }

        return null;
    }

    private static bool? NamedBool(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is bool value)
            {
                return value;
            }
        }

        return null;
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value)
            {
                return value;
            }
        }

        return null;
    }
}
