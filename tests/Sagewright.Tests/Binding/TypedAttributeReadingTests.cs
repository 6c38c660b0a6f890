using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Binding;

/// <summary>The binder reads attributes by names taken from the annotation types themselves (<c>nameof</c>, constant
/// enum casts), through a compile-time-only reference: renaming an attribute, a property or an enum member without
/// updating the binder fails the build, and the compiler assembly still never loads the annotations assembly.</summary>
public class TypedAttributeReadingTests
{
    private static readonly Assembly Annotations = typeof(PipelineAttribute).Assembly;

    /// <summary>Literals in the binder that are spelled like an annotation name but name something else. Each entry
    /// says why; keep it short. Empty: every such literal so far was a real reference and became <c>nameof</c>.</summary>
    private static readonly Dictionary<string, string> AllowedLiterals = new(StringComparer.Ordinal);

    [Fact]
    public void Compiler_assembly_does_not_reference_the_annotations_assembly()
    {
        // The analyzer host loads Sagewright.Compiler.dll and Sagewright.Model.dll from analyzers/dotnet/cs; the
        // annotations assembly is not there. nameof and constant casts compile to literals and leave no reference;
        // typeof, a signature or a call on an annotation type would add one.
        var references = AssemblyReferences(typeof(Sagewright.Compiler.Binding.Binder).Assembly.Location);

        Assert.Contains("Sagewright.Model", references); // the reader sees the references there are
        Assert.DoesNotContain(Annotations.GetName().Name!, references);
    }

    [Fact]
    public void Binder_sources_name_annotation_members_only_through_nameof()
    {
        var directory = Path.Combine(Paths.RepoRoot, "src", "Sagewright.Compiler", "Binding");
        var files = Directory.GetFiles(directory, "*.cs");
        Assert.NotEmpty(files);

        var names = AnnotationNames();
        var offenders = files
            .SelectMany(file => NamingLiterals(File.ReadAllText(file), names)
                .Select(hit => Path.GetFileName(file) + "(" + hit.Line + "): \"" + hit.Text + "\""))
            .ToList();

        Assert.True(offenders.Count == 0,
            "String literals in the binder that spell an annotation type, property, constructor parameter or enum member; "
            + "write nameof(TheAttribute.Member) or nameof(TheEnum.Member) instead (or, if the literal names something "
            + "else, add it to AllowedLiterals with the reason):" + Environment.NewLine + string.Join(Environment.NewLine, offenders));

        // An allowed literal the binder no longer has is stale: remove it.
        var all = files.SelectMany(file => NamingLiterals(File.ReadAllText(file), names, ignoreAllowed: false)).Select(h => h.Text).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(AllowedLiterals.Keys, k => !all.Contains(k));
    }

    [Fact]
    public void Literal_guard_finds_literals_that_name_annotation_members()
    {
        var names = AnnotationNames();
        Assert.Contains("SpotAttribute", names);
        Assert.Contains("MaxRunSeconds", names);
        Assert.Contains("modelPackageGroup", names); // a constructor parameter
        Assert.Contains("Bayesian", names); // an enum member
        Assert.DoesNotContain("TypeId", names); // System.Attribute's, not ours

        const string source = """
            class C
            {
                void M()
                {
                    N(a, "MaxRunSeconds");
                    N(a, nameof(SpotAttribute.MaxWaitSeconds));
                    var s = new[] { "Bayesian", "Step.SERVICE_FAULT", @"SpotAttribute" };
                }
            }
            """;
        var hits = NamingLiterals(source, names).Select(h => h.Text + "@" + h.Line).ToList();

        Assert.Equal(["MaxRunSeconds@5", "Bayesian@7", "SpotAttribute@7"], hits);
    }

    /// <summary>The names a binder literal must not spell: the annotation assembly's public types, the public properties
    /// and constructor parameters they declare, and enum members. Not fields: the only public fields are the
    /// <c>Execution</c> variables, which the binder reads by the referenced symbol's name, never by text.</summary>
    private static HashSet<string> AnnotationNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in Annotations.GetExportedTypes())
        {
            names.Add(type.Name);
            if (type.IsEnum)
            {
                names.UnionWith(Enum.GetNames(type));
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                names.Add(property.Name);
            }

            foreach (var constructor in type.GetConstructors())
            {
                names.UnionWith(constructor.GetParameters().Select(p => p.Name!));
            }
        }

        return names;
    }

    private static IEnumerable<(string Text, int Line)> NamingLiterals(string source, HashSet<string> names, bool ignoreAllowed = true) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
            .OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && names.Contains(l.Token.ValueText))
            .Where(l => !ignoreAllowed || !AllowedLiterals.ContainsKey(l.Token.ValueText))
            .Select(l => (l.Token.ValueText, l.GetLocation().GetLineSpan().StartLinePosition.Line + 1));

    private static List<string> AssemblyReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }
}
