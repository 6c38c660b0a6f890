using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Analyzers;

namespace Sagewright.CodeFixes.Tests;

/// <summary>What the IDE and the command-line compiler see of the fixes assembly.</summary>
public class FixProviderTests
{
    private static readonly Assembly Fixes = typeof(SagewrightCodeFixProvider).Assembly;
    private static readonly Assembly Compiler = typeof(PipelineAnalyzer).Assembly;

    [Fact]
    public void Fixable_ids_are_the_rules_with_fixes_and_each_is_a_diagnostic_the_analyzer_reports()
    {
        var fixable = new SagewrightCodeFixProvider().FixableDiagnosticIds;
        Assert.Equal(["SGW100", "SGW101", "SGW102", "SGW104", "SGW106", "SGW108", "SGW109", "SGW112"], fixable.Order(StringComparer.Ordinal));
        var reported = new PipelineAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(fixable, id => Assert.Contains(id, reported));
    }

    [Fact]
    public void Fix_all_batches_one_rule_across_documents_projects_and_the_solution()
    {
        var fixAll = new SagewrightCodeFixProvider().GetFixAllProvider();
        Assert.Same(WellKnownFixAllProviders.BatchFixer, fixAll);
        Assert.Equal("Sagewright.SGW109", SagewrightCodeFixProvider.EquivalenceKey("SGW109"));
    }

    [Fact]
    public void The_provider_is_exported_to_the_IDE_for_CSharp()
    {
        var export = typeof(SagewrightCodeFixProvider).GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Equal([LanguageNames.CSharp], export.Languages);
        Assert.NotNull(typeof(SagewrightCodeFixProvider).GetConstructor(Type.EmptyTypes)); // how the IDE creates it
    }

    /// <summary>The command-line compiler loads every assembly in analyzers/dotnet/cs looking for analyzers and
    /// generators; the fixes assembly must offer none (it would need Workspaces, which csc does not have).</summary>
    [Fact]
    public void The_fixes_assembly_holds_no_analyzer_or_generator()
    {
        Assert.DoesNotContain(Fixes.GetTypes(), t =>
            typeof(DiagnosticAnalyzer).IsAssignableFrom(t) || typeof(ISourceGenerator).IsAssignableFrom(t) || typeof(IIncrementalGenerator).IsAssignableFrom(t)
            || t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any() || t.GetCustomAttributes<GeneratorAttribute>().Any());
    }

    [Fact]
    public void Only_the_fixes_assembly_references_Workspaces()
    {
        static string[] References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(r => r.Name!).ToArray();
        Assert.DoesNotContain(References(Compiler), n => n.Contains("Workspaces", StringComparison.Ordinal));
        Assert.Contains("Microsoft.CodeAnalysis.Workspaces", References(Fixes));
        Assert.DoesNotContain("Sagewright.Compiler", References(Fixes));
    }

    /// <summary>The IDE loads the fixes with its own Roslyn and its own immutable collections; the fixes must
    /// need nothing else, and no newer versions than the compiler assembly does, or they would silently be
    /// missing where the diagnostics show.</summary>
    [Fact]
    public void The_fixes_need_only_what_the_compiler_needs_from_the_host_and_no_newer()
    {
        var compiler = Compiler.GetReferencedAssemblies().ToDictionary(r => r.Name!, r => r.Version!, StringComparer.Ordinal);
        var fromHost = new[] { "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable" };
        var allowed = fromHost.Concat(["netstandard", "Sagewright.Model", "Microsoft.CodeAnalysis.Workspaces", "Microsoft.CodeAnalysis.CSharp.Workspaces"]).ToHashSet(StringComparer.Ordinal);
        var fixes = Fixes.GetReferencedAssemblies();
        Assert.All(fixes, r => Assert.Contains(r.Name!, allowed));
        foreach (var reference in fixes.Where(r => fromHost.Contains(r.Name, StringComparer.Ordinal)))
        {
            Assert.True(reference.Version! <= compiler[reference.Name!], $"the fixes need {reference.Name} {reference.Version}, the compiler {compiler[reference.Name!]}");
        }

        var roslyn = fixes.Single(r => r.Name == "Microsoft.CodeAnalysis").Version;
        Assert.All(fixes.Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)), r => Assert.Equal(roslyn, r.Version));
    }
}
