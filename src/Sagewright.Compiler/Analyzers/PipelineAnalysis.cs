using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Diagnostics;
using Sagewright.Model.Pipeline;
using Sagewright.Model.Validation;

namespace Sagewright.Compiler.Analyzers;

/// <summary>Binds and compiles every pipeline of a compilation once, and maps each finding to the
/// attribute argument it is about.</summary>
internal static class PipelineAnalysis
{
    /// <summary>All diagnostics, grouped by the metadata name of the type whose source they point into.</summary>
    public static ILookup<string, Diagnostic> Run(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Findings(compilation, options, cancellationToken)
            .Distinct()
            .Select(f => (f.Origin.Type, Diagnostic: ToDiagnostic(compilation, f, cancellationToken)))
            .Where(x => x.Diagnostic is not null)
            .ToLookup(x => x.Type, x => x.Diagnostic!, StringComparer.Ordinal);

    /// <summary>Every finding of every pipeline of the compilation (and of steps attached to none), before they are
    /// mapped to diagnostics.</summary>
    internal static List<Finding> Findings(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var binder = new Binder(compilation, cancellationToken);
        var pipelines = new List<PipelineDecl>();
        var steps = new List<StepDecl>();
        foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is not INamedTypeSymbol type)
            {
                continue;
            }

            foreach (var attribute in type.GetAttributes())
            {
                var name = AttributeNames.Of(attribute.AttributeClass);
                if (name == AttributeNames.Pipeline && binder.BindPipeline(type) is { } pipeline)
                {
                    pipelines.Add(pipeline);
                }
                else if (Binder.StepKindOf(attribute.AttributeClass) is not null && binder.BindStep(type) is { } step)
                {
                    steps.Add(step);
                    break;
                }
            }
        }

        var findings = new List<Finding>();
        if (pipelines.Count == 0 && steps.Count == 0)
        {
            return findings;
        }

        var (settings, projectDirectory) = ProjectSettings.Read(options.AnalyzerConfigOptionsProvider.GlobalOptions);

        // Existence is all the analyzer needs to know about code files; the generator hashes them.
        var codeFiles = options.AdditionalFiles
            .Where(ProjectSettings.IsCodeFile)
            .Select(f => new CodeFile(ProjectSettings.Relative(f.Path, projectDirectory), string.Empty))
            .ToList();

        foreach (var pipeline in pipelines)
        {
            var rules = RulesFor(compilation, options.AnalyzerConfigOptionsProvider, pipeline, cancellationToken);
            findings.AddRange(PipelineCompiler.Compile(pipeline, steps, settings, codeFiles, rules).Findings);
        }

        findings.AddRange(PipelineCompiler.FindDetachedSteps(steps, pipelines.Select(p => p.TypeName)));
        findings.AddRange(PipelineCompiler.FindDuplicatePipelineNames(pipelines));
        return findings;
    }

    /// <summary>The best-practice settings for a pipeline: <c>sagewright.required_tags</c> from the <c>.editorconfig</c>
    /// options of the file with its <c>[Pipeline]</c> attribute, else from the global options (<c>.globalconfig</c>),
    /// else the defaults.</summary>
    private static RuleOptions RulesFor(Compilation compilation, AnalyzerConfigOptionsProvider provider, PipelineDecl pipeline, CancellationToken cancellationToken)
    {
        var type = compilation.GetTypeByMetadataName(pipeline.Origin.Type);
        var attributes = type?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty;
        var tree = pipeline.Origin.Attribute >= 0 && pipeline.Origin.Attribute < attributes.Length
            ? attributes[pipeline.Origin.Attribute].ApplicationSyntaxReference?.SyntaxTree
            : null;
        tree ??= type?.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
        cancellationToken.ThrowIfCancellationRequested();
        if (tree is not null && provider.GetOptions(tree).TryGetValue(RuleOptions.RequiredTagsKey, out var local))
        {
            return RuleOptions.Parse(local);
        }

        return RuleOptions.Parse(provider.GlobalOptions.TryGetValue(RuleOptions.RequiredTagsKey, out var global) ? global : null);
    }

    private static Diagnostic? ToDiagnostic(Compilation compilation, Finding finding, CancellationToken cancellationToken)
    {
        if (!Descriptors.ById.TryGetValue(finding.Id, out var descriptor))
        {
            return null;
        }

        var location = Locate(compilation, finding.Origin, cancellationToken);
        if (location is null)
        {
            return null;
        }

        var properties = finding.Properties.IsEmpty
            ? null
            : ImmutableDictionary.CreateRange(StringComparer.Ordinal, finding.Properties.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return Diagnostic.Create(descriptor, location, properties, finding.Arguments.Cast<object>().ToArray());
    }

    /// <summary>The location of the attribute argument an origin names, falling back to the attribute,
    /// then to the declaration. Always a real syntax location, so #pragma and [SuppressMessage] apply.</summary>
    internal static Location? Locate(Compilation compilation, Origin origin, CancellationToken cancellationToken)
    {
        var type = compilation.GetTypeByMetadataName(origin.Type);
        if (type is null)
        {
            return null;
        }

        ISymbol symbol = type;
        if (origin.Member is { } member)
        {
            symbol = type.GetMembers(member).FirstOrDefault() ?? (ISymbol)type;
        }

        var fallback = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        var attributes = symbol.GetAttributes();
        if (origin.Attribute < 0 || origin.Attribute >= attributes.Length
            || attributes[origin.Attribute].ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax attribute)
        {
            return fallback;
        }

        var arguments = attribute.ArgumentList?.Arguments ?? default;
        if (origin.Named is { } named)
        {
            var argument = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == named);
            return (argument ?? (SyntaxNode)attribute).GetLocation();
        }

        if (origin.Argument >= 0 && Binder.ConstructorArgument(attribute, attributes[origin.Attribute].AttributeConstructor, origin.Argument) is { } expression)
        {
            return expression.GetLocation();
        }

        return attribute.GetLocation();
    }
}
