using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sagewright.Fuzz;

/// <summary>Mutations of an input's source: structural ones through the syntax tree, each producing new text.</summary>
public sealed class Mutator
{
    private static readonly string[] EdgeStrings =
    [
        "", " ", "s3://", "s3:/x", "s3://my-bucket", "s3://my-bucket/", "s3://MY_BUCKET/x", "s3://my-bucket/a/../b", "s3://my-bucket/" + new string('k', 1100),
        "*", "arn:aws:", "arn:aws:iam::123456789012:role/*", "ml.", "ml.m5.large", "ml.p4d.24xlarge", "local", "PipelineExecutionId",
        "\n", "\r\n", "\u2028", "\u0085", "\0", "\"", "\\", "{", "}", "{0}", "é", "𝒳", "..", "/", "/opt/ml/processing/input", "a b", "-",
        new string('x', 300), new string('n', 70000), "latest", "sklearn", "0", "-1", "1e308", "NaN", "true", "Demo", "P30D", "PT0S",
        "AKIAIOSFODNN7EXAMPLE", "$", "%", "\t", "<", ">",
    ];

    private static readonly string[] EdgeNumbers =
    [
        "0", "-1", "1", "2", "int.MaxValue", "int.MinValue", "long.MaxValue", "1e308", "-0.0", "double.NaN", "double.PositiveInfinity",
        "double.Epsilon", "0.5", "3600", "86400", "2147483647", "100000",
    ];

    private static readonly string[] ClassNames =
    [
        "@event", "@class", "@namespace", "PipelineName", "PipelineDefinition", "Execution", "Sagewright", "_", "Ünïcödé", "@var", "record",
        "Demo", "demo", "DEMO", "global",
        // Not "System": a global class of that name hides the namespace from global::System in any generated code.
    ];

    private readonly Random _random;
    private int _counter;

    public Mutator(Random random) => _random = random;

    private delegate bool Mutation(List<(string Path, string Text)> files);

    /// <summary>One to four random mutations; the description says which.</summary>
    public (List<(string Path, string Text)> Files, string Description) Mutate(FuzzInput input)
    {
        var files = input.Files.ToList();
        var applied = new List<string>();
        var mutations = new (string Name, Mutation Apply)[]
        {
            ("delete-argument", DeleteArgument), ("duplicate-argument", DuplicateArgument), ("swap-arguments", SwapArguments),
            ("delete-attribute", DeleteAttribute), ("duplicate-attribute", DuplicateAttribute), ("edge-string", EdgeString),
            ("edge-string", EdgeString), ("edge-number", EdgeNumber), ("swap-nameof", SwapNameof), ("swap-typeof", SwapTypeof),
            ("duplicate-member", DuplicateMember), ("rename-class", RenameClass), ("file-local", FileLocal), ("partial-split", PartialSplit),
            ("nest-in-generic", NestInGeneric), ("self-reference", SelfReference), ("deep-conditions", DeepConditions),
            ("cyclic-depends-on", CyclicDependsOn), ("move-attribute", MoveAttribute),
        };
        var count = 1 + _random.Next(4);
        for (var attempt = 0; attempt < count * 4 && applied.Count < count; attempt++)
        {
            var (name, apply) = mutations[_random.Next(mutations.Length)];
            if (apply(files))
            {
                applied.Add(name);
            }
        }

        return (files, string.Join(", ", applied));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private int PickFile(List<(string Path, string Text)> files) => _random.Next(files.Count);

    private static CompilationUnitSyntax Parse(string text) =>
        (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();

    /// <summary>Replaces a node in file <paramref name="index"/> with new text.</summary>
    private static void Replace(List<(string Path, string Text)> files, int index, SyntaxNode node, string replacement)
    {
        var text = files[index].Text;
        files[index] = (files[index].Path, text.Substring(0, node.FullSpan.Start) + replacement + text.Substring(node.FullSpan.End));
    }

    private bool OnRandom<T>(List<(string Path, string Text)> files, Func<SyntaxNode, IEnumerable<T>> candidates, Func<int, CompilationUnitSyntax, List<T>, bool> apply)
        where T : SyntaxNode
    {
        var index = PickFile(files);
        var root = Parse(files[index].Text);
        var found = candidates(root).ToList();
        return found.Count > 0 && apply(index, root, found);
    }

    // ---- mutations --------------------------------------------------------------------------

    private bool DeleteArgument(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeArgumentListSyntax>().Where(l => l.Arguments.Count > 0), (index, _, lists) =>
        {
            var list = Pick(lists);
            Replace(files, index, list, list.WithArguments(list.Arguments.RemoveAt(_random.Next(list.Arguments.Count))).ToFullString());
            return true;
        });

    private bool DuplicateArgument(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeArgumentListSyntax>().Where(l => l.Arguments.Count > 0), (index, _, lists) =>
        {
            var list = Pick(lists);
            var argument = list.Arguments[_random.Next(list.Arguments.Count)];
            Replace(files, index, list, list.WithArguments(list.Arguments.Insert(_random.Next(list.Arguments.Count + 1), argument)).ToFullString());
            return true;
        });

    private bool SwapArguments(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeArgumentListSyntax>().Where(l => l.Arguments.Count > 1), (index, _, lists) =>
        {
            var list = Pick(lists);
            var i = _random.Next(list.Arguments.Count);
            var j = _random.Next(list.Arguments.Count);
            var arguments = list.Arguments.ToList();
            (arguments[i], arguments[j]) = (arguments[j], arguments[i]);
            Replace(files, index, list, list.WithArguments(SyntaxFactory.SeparatedList(arguments.Select(a => a.WithoutTrivia()))).ToFullString());
            return true;
        });

    private bool DeleteAttribute(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeSyntax>(), (index, _, attributes) =>
        {
            var attribute = Pick(attributes);
            var list = (AttributeListSyntax)attribute.Parent!;
            Replace(files, index, list, list.Attributes.Count == 1
                ? list.GetLeadingTrivia().ToFullString()
                : list.WithAttributes(list.Attributes.Remove(attribute)).ToFullString());
            return true;
        });

    private bool DuplicateAttribute(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeListSyntax>(), (index, _, lists) =>
        {
            var list = Pick(lists);
            Replace(files, index, list, list.ToFullString() + list.WithoutLeadingTrivia().ToFullString());
            return true;
        });

    private bool MoveAttribute(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeListSyntax>(), (index, root, lists) =>
        {
            // An attribute list from one declaration onto another class or field.
            var list = Pick(lists);
            var targets = root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is ClassDeclarationSyntax or FieldDeclarationSyntax).ToList();
            if (targets.Count == 0)
            {
                return false;
            }

            var target = Pick(targets);
            if (target.Span.Contains(list.Span) || list.Span.Contains(target.Span))
            {
                return false;
            }

            var text = files[index].Text;
            var insertAt = target.SpanStart;
            var removed = list.FullSpan;
            var moved = list.WithoutTrivia().ToFullString() + " ";
            text = insertAt < removed.Start
                ? text.Substring(0, insertAt) + moved + text.Substring(insertAt, removed.Start - insertAt) + text.Substring(removed.End)
                : text.Substring(0, removed.Start) + text.Substring(removed.End, insertAt - removed.End) + moved + text.Substring(insertAt);
            files[index] = (files[index].Path, text);
            return true;
        });

    private bool EdgeString(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)), (index, _, literals) =>
        {
            var literal = Pick(literals);
            var value = Pick(EdgeStrings);
            if (_random.Next(4) == 0)
            {
                value = literal.Token.ValueText + value; // a valid value with an edge suffix
            }

            Replace(files, index, literal, literal.GetLeadingTrivia().ToFullString() + SymbolDisplay.FormatLiteral(value, quote: true) + literal.GetTrailingTrivia().ToFullString());
            return true;
        });

    private bool EdgeNumber(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.NumericLiteralExpression)), (index, _, literals) =>
        {
            var literal = Pick(literals);
            Replace(files, index, literal, literal.GetLeadingTrivia().ToFullString() + Pick(EdgeNumbers) + literal.GetTrailingTrivia().ToFullString());
            return true;
        });

    private bool SwapNameof(List<(string Path, string Text)> files)
    {
        var all = files.SelectMany(f => Parse(f.Text).DescendantNodes().OfType<InvocationExpressionSyntax>())
            .Where(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && i.ArgumentList.Arguments.Count == 1)
            .Select(i => i.ArgumentList.Arguments[0].Expression.ToString())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (all.Count == 0)
        {
            return false;
        }

        return OnRandom(files, r => r.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && i.ArgumentList.Arguments.Count == 1), (index, _, invocations) =>
        {
            var invocation = Pick(invocations);
            var argument = invocation.ArgumentList.Arguments[0].Expression;
            Replace(files, index, argument, argument.GetLeadingTrivia().ToFullString() + Pick(all) + argument.GetTrailingTrivia().ToFullString());
            return true;
        });
    }

    private bool SwapTypeof(List<(string Path, string Text)> files)
    {
        var classes = files.SelectMany(f => Parse(f.Text).DescendantNodes().OfType<ClassDeclarationSyntax>()).Select(c => c.Identifier.Text).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            return false;
        }

        return OnRandom(files, r => r.DescendantNodes().OfType<TypeOfExpressionSyntax>(), (index, _, typeofs) =>
        {
            var type = Pick(typeofs).Type;
            Replace(files, index, type, type.GetLeadingTrivia().ToFullString() + Pick(classes) + type.GetTrailingTrivia().ToFullString());
            return true;
        });
    }

    private bool DuplicateMember(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is FieldDeclarationSyntax or ClassDeclarationSyntax), (index, _, members) =>
        {
            var member = Pick(members);
            Replace(files, index, member, member.ToFullString() + member.ToFullString());
            return true;
        });

    private bool RenameClass(List<(string Path, string Text)> files)
    {
        var classes = files.SelectMany(f => Parse(f.Text).DescendantNodes().OfType<ClassDeclarationSyntax>()).Select(c => c.Identifier.ValueText).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            return false;
        }

        var from = Pick(classes);
        var to = _random.Next(3) == 0
            ? (char.IsUpper(from[0]) ? char.ToLowerInvariant(from[0]) : char.ToUpperInvariant(from[0])) + from.Substring(1) // a case variant
            : Pick(ClassNames);
        var word = new Regex("(?<![\\w@])" + Regex.Escape(from) + "(?!\\w)", RegexOptions.CultureInvariant);
        var everywhere = _random.Next(3) != 0; // else only the declaration: references dangle
        for (var i = 0; i < files.Count; i++)
        {
            if (everywhere)
            {
                files[i] = (files[i].Path, word.Replace(files[i].Text, to));
            }
            else
            {
                var root = Parse(files[i].Text);
                var declaration = root.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault(c => c.Identifier.ValueText == from);
                if (declaration is not null)
                {
                    var text = files[i].Text;
                    files[i] = (files[i].Path, text.Substring(0, declaration.Identifier.SpanStart) + to + text.Substring(declaration.Identifier.Span.End));
                    break;
                }
            }
        }

        return true;
    }

    private bool FileLocal(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Parent is not TypeDeclarationSyntax), (index, _, classes) =>
        {
            var declaration = Pick(classes);
            var modifiers = declaration.Modifiers.Where(m => !m.IsKind(SyntaxKind.PublicKeyword) && !m.IsKind(SyntaxKind.InternalKeyword)).Select(m => m.ValueText);
            var text = files[index].Text;
            var start = declaration.Modifiers.Count > 0 ? declaration.Modifiers.Span.Start : declaration.Keyword.SpanStart;
            var end = declaration.Modifiers.Count > 0 ? declaration.Modifiers.Span.End : declaration.Keyword.SpanStart;
            files[index] = (files[index].Path, text.Substring(0, start) + string.Join(" ", modifiers.Prepend("file")) + (declaration.Modifiers.Count > 0 ? string.Empty : " ") + text.Substring(end));
            return true;
        });

    private bool PartialSplit(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Parent is not TypeDeclarationSyntax && (c.Members.Count > 0 || c.AttributeLists.Count > 1)), (index, _, classes) =>
        {
            var declaration = Pick(classes);
            var movedMembers = declaration.Members.Skip(declaration.Members.Count / 2).ToList();
            var movedAttributes = declaration.AttributeLists.Count > 1 ? declaration.AttributeLists.Skip(1 + _random.Next(declaration.AttributeLists.Count - 1)).ToList() : new List<AttributeListSyntax>();
            var kept = declaration
                .WithMembers(SyntaxFactory.List(declaration.Members.Take(declaration.Members.Count / 2)))
                .WithAttributeLists(SyntaxFactory.List(declaration.AttributeLists.Take(declaration.AttributeLists.Count - movedAttributes.Count)));
            if (!kept.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                kept = kept.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            if (kept.SemicolonToken.IsKind(SyntaxKind.SemicolonToken) && kept.Members.Count == 0)
            {
                // "class C;" stays a declaration without a body.
            }

            var modifiers = string.Join(" ", kept.Modifiers.Select(m => m.ValueText));
            var ns = declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString();
            var part = "using Sagewright;\n\n" + (ns is null ? string.Empty : "namespace " + ns + ";\n\n")
                + string.Concat(movedAttributes.Select(a => a.WithoutTrivia().ToFullString() + "\n"))
                + modifiers + " class " + declaration.Identifier.Text + declaration.TypeParameterList?.ToString() + "\n{\n"
                + string.Concat(movedMembers.Select(m => m.ToFullString())) + "}\n";
            Replace(files, index, declaration, kept.ToFullString());
            var path = Corpus.ProjectDirectory + "Split" + (++_counter).ToString(CultureInfo.InvariantCulture) + ".cs";
            files.Insert(_random.Next(files.Count + 1), (path, part));
            return true;
        });

    private bool NestInGeneric(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Parent is not TypeDeclarationSyntax), (index, _, classes) =>
        {
            var declaration = Pick(classes);
            var outer = "Outer" + (++_counter).ToString(CultureInfo.InvariantCulture);
            Replace(files, index, declaration, "\npublic static partial class " + outer + "<T>\n{\n" + declaration.ToFullString() + "\n}\n");
            return true;
        });

    private bool SelfReference(List<(string Path, string Text)> files) =>
        OnRandom(files, r => r.DescendantNodes().OfType<AttributeSyntax>().Where(a => a.Name.ToString() is "Output" or "DependsOn" or "Join" or "Input"), (index, _, attributes) =>
        {
            var attribute = Pick(attributes);
            var type = attribute.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (type is null)
            {
                return false;
            }

            var field = attribute.Ancestors().OfType<FieldDeclarationSyntax>().FirstOrDefault()?.Declaration.Variables.FirstOrDefault()?.Identifier.Text;
            var self = field is null ? "typeof(" + type.Identifier.Text + ")" : "nameof(" + type.Identifier.Text + "." + field + ")";
            var argument = attribute.Name.ToString() switch
            {
                "Output" when field is not null => _random.Next(2) == 0 ? "Destination = " + self : "Destination = $\"s3://b/{" + self + "}/x\"",
                "DependsOn" => "typeof(" + type.Identifier.Text + ")",
                _ => self,
            };
            var list = attribute.ArgumentList;
            var replacement = list is null || list.Arguments.Count == 0
                ? attribute.Name + "(" + argument + ")"
                : attribute.Name + "(" + string.Join(", ", list.Arguments.Select((a, i) => i == 0 && attribute.Name.ToString() != "Output" ? argument : a.ToString()).Concat(attribute.Name.ToString() == "Output" ? new[] { argument } : Array.Empty<string>())) + ")";
            Replace(files, index, attribute, attribute.GetLeadingTrivia().ToFullString() + replacement + attribute.GetTrailingTrivia().ToFullString());
            return true;
        });

    private bool DeepConditions(List<(string Path, string Text)> files)
    {
        var pipeline = files.SelectMany(f => Parse(f.Text).DescendantNodes().OfType<ClassDeclarationSyntax>())
            .FirstOrDefault(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "Pipeline"));
        if (pipeline is null)
        {
            return false;
        }

        var depth = 1 + _random.Next(_random.Next(2) == 0 ? 8 : 40);
        var name = "Gate" + (++_counter).ToString(CultureInfo.InvariantCulture);
        var fields = new List<string> { "    [EqualTo(\"a\", \"a\")] public static readonly bool C0;" };
        for (var i = 1; i <= depth; i++)
        {
            var a = "C" + (i - 1).ToString(CultureInfo.InvariantCulture);
            var b = "C" + _random.Next(i).ToString(CultureInfo.InvariantCulture);
            fields.Add(_random.Next(5) == 0
                ? "    [Not(nameof(" + a + "))] public static readonly bool C" + i.ToString(CultureInfo.InvariantCulture) + ";"
                : "    [Or(nameof(" + a + "), nameof(" + b + "))] public static readonly bool C" + i.ToString(CultureInfo.InvariantCulture) + ";");
        }

        var top = "C" + depth.ToString(CultureInfo.InvariantCulture);
        var code = "\n[ConditionStep(typeof(" + pipeline.Identifier.Text + "))]\n[Or(nameof(" + top + "), nameof(" + top + "))]\npublic sealed class " + name + "\n{\n" + string.Join("\n", fields) + "\n}\n";
        var index = PickFile(files);
        files[index] = (files[index].Path, files[index].Text + code);
        return true;
    }

    private bool CyclicDependsOn(List<(string Path, string Text)> files)
    {
        var steps = files.SelectMany(f => Parse(f.Text).DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().EndsWith("Step", StringComparison.Ordinal)))
            .Select(c => c.Identifier.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (steps.Count < 2)
        {
            return false;
        }

        var a = Pick(steps);
        var b = Pick(steps);
        for (var i = 0; i < files.Count; i++)
        {
            var text = files[i].Text;
            text = Regex.Replace(text, "(public sealed (?:partial )?(?:record )?class " + Regex.Escape(a) + "\\b)", "[DependsOn(typeof(" + b + "))]\n$1");
            text = Regex.Replace(text, "(public sealed (?:partial )?(?:record )?class " + Regex.Escape(b) + "\\b)", "[DependsOn(typeof(" + a + "))]\n$1");
            files[i] = (files[i].Path, text);
        }

        return true;
    }
}
