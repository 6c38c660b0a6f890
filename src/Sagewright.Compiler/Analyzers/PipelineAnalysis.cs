using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Diagnostics;
using Sagewright.Compiler.Generator;

namespace Sagewright.Compiler.Analyzers;

/// <summary>The pipeline analysis of one compilation. A first pass, once, finds the [Pipeline] classes (bound: their
/// names are checked for duplicates) and which step classes name which pipeline (read from the step attribute's
/// <c>typeof</c>, without binding the step). Each pipeline is then bound with its steps and compiled once, when the
/// first of its types asks, and each finding mapped to the attribute argument it is about. Everything honours the
/// cancellation token of the action that asks; a cancelled computation is not kept.</summary>
internal sealed partial class PipelineAnalysis
{
    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly Cached<Index> _index;
    private readonly ConcurrentDictionary<string, Cached<ILookup<string, Diagnostic>>> _results = new(StringComparer.Ordinal);

    public PipelineAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        _compilation = compilation;
        _options = options;
        _index = new Cached<Index>(BuildIndex);
    }

    /// <summary>The diagnostics located in <paramref name="type"/>'s source.</summary>
    public IEnumerable<Diagnostic> DiagnosticsFor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var index = _index.Get(cancellationToken);
        var typeName = Binder.MetadataName(type);
        var diagnostics = new List<Diagnostic>();
        if (index.Pipelines.ContainsKey(typeName))
        {
            diagnostics.AddRange(Result(typeName, cancellationToken)[typeName]);
            diagnostics.AddRange(index.Duplicates[typeName]);
        }

        if (index.Steps.TryGetValue(typeName, out var pipelineType))
        {
            diagnostics.AddRange(pipelineType is not null && index.Pipelines.ContainsKey(pipelineType)
                ? Result(pipelineType, cancellationToken)[typeName]
                : Detached(type, typeName, index, cancellationToken));
        }
        else if (!index.Pipelines.ContainsKey(typeName) && SettingsWithoutStep(type, typeName) is { } finding)
        {
            diagnostics.AddRange(ToDiagnostics(new[] { finding }, cancellationToken)[typeName]);
        }

        if (index.Endpoints.TryGetValue(typeName, out var endpointPipeline))
        {
            diagnostics.AddRange(endpointPipeline is not null && index.Pipelines.ContainsKey(endpointPipeline)
                ? Result(endpointPipeline, cancellationToken)[typeName]
                : DetachedEndpoint(type, typeName, cancellationToken));
        }

        return diagnostics.Distinct();
    }

    private Index BuildIndex(CancellationToken cancellationToken)
    {
        var pipelines = new Dictionary<string, (INamedTypeSymbol Type, PipelineDecl? Decl, string? Failure)>(StringComparer.Ordinal);
        var steps = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stepTypes = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        var endpoints = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var symbol in _compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (symbol is not INamedTypeSymbol type)
            {
                continue;
            }

            var attributes = type.GetAttributes();
            var typeName = Binder.MetadataName(type);
            if (Binder.IndexOf(attributes, AttributeNames.Pipeline) >= 0 && !pipelines.ContainsKey(typeName))
            {
                try
                {
                    pipelines[typeName] = (type, new Binder(_compilation, cancellationToken).BindPipeline(type), null);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    pipelines[typeName] = (type, null, Failures.Describe(ex));
                }
            }

            if (attributes.Any(a => Binder.StepKindOf(a.AttributeClass) is not null))
            {
                steps[typeName] = Binder.PipelineTypeOf(type);
                stepTypes[typeName] = type;
            }

            if (Binder.IndexOf(attributes, AttributeNames.Endpoint) >= 0)
            {
                endpoints[typeName] = Binder.EndpointPipelineTypeOf(type);
                stepTypes[typeName] = type;
            }
        }

        var bound = pipelines.Values.Where(p => p.Decl is not null).Select(p => p.Decl!).ToList();
        var duplicates = ToDiagnostics(PipelineCompiler.FindDuplicatePipelineNames(bound), cancellationToken);
        var (settings, projectDirectory) = ProjectSettings.Read(_options.AnalyzerConfigOptionsProvider.GlobalOptions);

        // Existence is all the analyzer needs to know about code files; the generator hashes them.
        var codeFiles = _options.AdditionalFiles
            .Where(ProjectSettings.IsCodeFile)
            .Select(f => new CodeFile(ProjectSettings.Relative(f.Path, projectDirectory), string.Empty))
            .ToList();
        return new Index(pipelines, steps, stepTypes, duplicates, settings, codeFiles) { Endpoints = endpoints };
    }

    private ILookup<string, Diagnostic> Result(string pipelineType, CancellationToken cancellationToken) =>
        _results.GetOrAdd(pipelineType, type => new Cached<ILookup<string, Diagnostic>>(ct => Compile(type, ct))).Get(cancellationToken);

    /// <summary>Binds the pipeline's steps and compiles it. An exception is SGW012 at its [Pipeline] attribute, next to
    /// what binding found.</summary>
    private ILookup<string, Diagnostic> Compile(string pipelineType, CancellationToken cancellationToken)
    {
        var (type, findings) = CompileFindings(pipelineType, cancellationToken);
        try
        {
            return ToDiagnostics(findings, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Locating a finding failed: report that alone, at the class.
            var location = type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
            return new[] { Diagnostic.Create(Descriptors.InternalFailure, location, InternalFailure(type, pipelineType, PipelineInput.NameOf(type), Failures.Describe(ex)).Arguments.Cast<object>().ToArray()) }
                .ToLookup(_ => pipelineType, StringComparer.Ordinal);
        }
    }

    /// <summary>Every finding of every pipeline of the compilation, before they are mapped to diagnostics (for tests
    /// that check the findings' arguments).</summary>
    internal static List<Finding> Findings(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var analysis = new PipelineAnalysis(compilation, options);
        return analysis._index.Get(cancellationToken).Pipelines.Keys
            .OrderBy(p => p, StringComparer.Ordinal)
            .SelectMany(p => analysis.CompileFindings(p, cancellationToken).Findings)
            .ToList();
    }

    /// <summary>The findings of one pipeline: its steps bound and the pipeline compiled; an exception is SGW012.</summary>
    private (INamedTypeSymbol Type, List<Finding> Findings) CompileFindings(string pipelineType, CancellationToken cancellationToken)
    {
        var index = _index.Get(cancellationToken);
        var (type, pipeline, failure) = index.Pipelines[pipelineType];
        var steps = new List<StepDecl>();
        var binder = new Binder(_compilation, cancellationToken);
        foreach (var step in index.Steps.Where(s => s.Value == pipelineType).Select(s => s.Key).OrderBy(s => s, StringComparer.Ordinal))
        {
            try
            {
                if (binder.BindStep(index.StepTypes[step]) is { } decl)
                {
                    steps.Add(decl);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure ??= Failures.Describe(ex);
            }
        }

        var endpoints = new List<EndpointDecl>();
        foreach (var endpoint in index.Endpoints.Where(e => e.Value == pipelineType).Select(e => e.Key).OrderBy(e => e, StringComparer.Ordinal))
        {
            try
            {
                if (binder.BindEndpoint(index.StepTypes[endpoint]) is { } decl)
                {
                    endpoints.Add(decl);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure ??= Failures.Describe(ex);
            }
        }

        var findings = new List<Finding>();
        if (failure is null && pipeline is not null)
        {
            try
            {
                // The other pipelines' steps are there by name only: to say that a step belongs to another pipeline.
                var others = index.Steps.Where(s => s.Value != pipelineType).Select(s => s.Key);
                var rules = RulesFor(pipeline, cancellationToken);
                findings.AddRange(PipelineCompiler.Analyze(pipeline, steps, others, index.Settings, index.CodeFiles, rules, endpoints));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = Failures.Describe(ex);
            }
        }

        if (failure is not null)
        {
            findings.Clear();
            findings.AddRange(pipeline?.Findings ?? EquatableArray<Finding>.Empty);
            findings.AddRange(steps.SelectMany(s => s.Findings));
            findings.Add(InternalFailure(type, pipelineType, pipeline?.Name ?? PipelineInput.NameOf(type), failure));
        }

        return (type, findings);
    }

    private static Finding InternalFailure(INamedTypeSymbol type, string typeName, string name, string failure) =>
        new(RuleIds.InternalFailure, new Origin(typeName, null, Binder.IndexOf(type.GetAttributes(), AttributeNames.Pipeline), -1, null),
            "Sagewright could not compile pipeline '" + name + "': " + failure + "; its files are not written (the build keeps those of the last successful build); please report this");

    private ILookup<string, Diagnostic> ToDiagnostics(IEnumerable<Finding> findings, CancellationToken cancellationToken) =>
        findings
            .Distinct()
            .Select(f => (f.Origin.Type, Diagnostic: ToDiagnostic(_compilation, f, cancellationToken)))
            .Where(x => x.Diagnostic is not null)
            .ToLookup(x => x.Type, x => x.Diagnostic!, StringComparer.Ordinal);

    /// <summary>The best-practice settings for a pipeline: <c>sagewright.required_tags</c> from the <c>.editorconfig</c>
    /// options of the file with its <c>[Pipeline]</c> attribute, else from the global options (<c>.globalconfig</c>),
    /// else the defaults.</summary>
    private RuleOptions RulesFor(PipelineDecl pipeline, CancellationToken cancellationToken)
    {
        var provider = _options.AnalyzerConfigOptionsProvider;
        var type = _compilation.GetTypeByMetadataName(pipeline.Origin.Type);
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
        return finding.IsError && descriptor.DefaultSeverity != DiagnosticSeverity.Error
            ? Diagnostic.Create(descriptor, location, DiagnosticSeverity.Error, additionalLocations: null, properties, finding.Arguments.Cast<object>().ToArray())
            : Diagnostic.Create(descriptor, location, properties, finding.Arguments.Cast<object>().ToArray());
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

    /// <summary>What the first pass found.</summary>
    /// <param name="Steps">Every step class, with the pipeline it names (null for none).</param>
    /// <param name="Duplicates">SGW001 for pipeline names used twice, by the type they are reported in.</param>
    private sealed record Index(
        Dictionary<string, (INamedTypeSymbol Type, PipelineDecl? Decl, string? Failure)> Pipelines,
        Dictionary<string, string?> Steps,
        Dictionary<string, INamedTypeSymbol> StepTypes,
        ILookup<string, Diagnostic> Duplicates,
        BuildSettings Settings,
        List<CodeFile> CodeFiles)
    {
        /// <summary>Every [Endpoint] class, with the pipeline it belongs to (null for none).</summary>
        public Dictionary<string, string?> Endpoints { get; init; } = new(StringComparer.Ordinal);
    }

    /// <summary>A value computed once, on first use, with the token of that use; a computation that was cancelled is
    /// not kept (the next use computes again), and waiting for another thread's computation honours the token.</summary>
    private sealed class Cached<T>(Func<CancellationToken, T> factory)
        where T : class
    {
        private readonly object _gate = new();
        private T? _value;

        public T Get(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _value) is { } value)
            {
                return value;
            }

            while (!Monitor.TryEnter(_gate, 50))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            try
            {
                if (_value is null)
                {
                    Volatile.Write(ref _value, factory(cancellationToken));
                }

                return _value!;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
    }
}
