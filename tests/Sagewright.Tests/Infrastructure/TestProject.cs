using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Build;
using Sagewright.Compiler.Analyzers;
using Sagewright.Compiler.Generator;

namespace Sagewright.Tests.Infrastructure;

/// <summary>The MSBuild side of a test project: the properties Sagewright reads and its code files.</summary>
public sealed record ProjectOptions
{
    public const string ProjectDirectory = "/src/project/";

    public string? AccountId { get; init; } = "123456789012";

    public string? Region { get; init; } = "us-east-1";

    public string? Partition { get; init; }

    public string? ArtifactBucket { get; init; }

    /// <summary>Code files by path relative to the project, with their text.</summary>
    public ImmutableDictionary<string, string> CodeFiles { get; init; } = ImmutableDictionary<string, string>.Empty
        .Add("scripts/preprocess.py", "print('preprocess')\n")
        .Add("scripts/evaluate.py", "print('evaluate')\n")
        .Add("scripts/train.py", "print('train')\n");

    /// <summary>Options every source file gets, as from an <c>.editorconfig</c> section matching it
    /// (for example <c>sagewright.required_tags</c>).</summary>
    public ImmutableDictionary<string, string> EditorConfig { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Extra global options, as from a <c>.globalconfig</c> file.</summary>
    public ImmutableDictionary<string, string> GlobalConfig { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The full text of <c>/src/project/.editorconfig</c>, applied as the compiler applies it: its
    /// <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> entries change or remove diagnostics (per file, by its
    /// sections), and its other entries reach the analyzers as the options of the files they match
    /// (<see cref="EditorConfig"/> entries are added on top).</summary>
    public string? EditorConfigFile { get; init; }

    public static ProjectOptions Default { get; } = new();

    /// <summary>The parsed <see cref="EditorConfigFile"/>, or null without one.</summary>
    public AnalyzerConfigSet? AnalyzerConfigSet => EditorConfigFile is null
        ? null
        : AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(EditorConfigFile, ProjectDirectory + ".editorconfig")));

    public ImmutableArray<AdditionalText> AdditionalTexts =>
        CodeFiles.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (AdditionalText)new InMemoryAdditionalText(ProjectDirectory + f.Key, f.Value))
            .ToImmutableArray();

    public AnalyzerConfigOptionsProvider OptionsProvider
    {
        get
        {
            var global = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["build_property.MSBuildProjectDirectory"] = ProjectDirectory.TrimEnd('/'),
            };
            Add(global, "build_property.SagewrightAccountId", AccountId);
            Add(global, "build_property.SagewrightRegion", Region);
            Add(global, "build_property.SagewrightPartition", Partition);
            Add(global, "build_property.SagewrightArtifactBucket", ArtifactBucket);
            foreach (var option in GlobalConfig)
            {
                global[option.Key] = option.Value;
            }

            return new TestOptionsProvider(global, EditorConfig, AnalyzerConfigSet);
        }
    }

    private static void Add(Dictionary<string, string> options, string key, string? value)
    {
        if (value is not null)
        {
            options[key] = value;
        }
    }
}

/// <summary>Compiles C# sources with Sagewright's generator and analyzer, the way a build does.</summary>
public static class TestProject
{
    /// <summary>The framework test sources are compiled for unless a test names one.</summary>
    public const ReferenceFramework DefaultFramework = ReferenceFramework.Net80;

    /// <summary>The references of a test compilation: the framework's reference assemblies (never the test host's
    /// runtime assemblies) and Sagewright's annotations.</summary>
    public static ImmutableArray<MetadataReference> References(ReferenceFramework framework = DefaultFramework) =>
        TargetReferences.For(framework).Add(AnnotationsReference.Value);

    private static readonly Lazy<MetadataReference> AnnotationsReference =
        new(() => MetadataReference.CreateFromFile(typeof(Sagewright.PipelineAttribute).Assembly.Location));

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>A compilation of the sources; file names are <c>/src/project/File{i}.cs</c> unless given as (path, text).</summary>
    public static CSharpCompilation Compilation(params string[] sources) => Compilation(DefaultFramework, sources);

    public static CSharpCompilation Compilation(ReferenceFramework framework, params string[] sources) =>
        Compilation(framework, sources.Select((s, i) => (ProjectOptions.ProjectDirectory + "File" + i + ".cs", s)).ToArray());

    public static CSharpCompilation Compilation(params (string Path, string Text)[] sources) => Compilation(DefaultFramework, sources);

    public static CSharpCompilation Compilation(ReferenceFramework framework, params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "TestProject",
            sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, Encoding.UTF8), ParseOptions, s.Path)),
            References(framework),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver CreateDriver(ProjectOptions? options = null, ImmutableArray<AdditionalText>? additionalTexts = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new PipelineGenerator().AsSourceGenerator() },
            additionalTexts ?? (options ?? ProjectOptions.Default).AdditionalTexts,
            ParseOptions,
            (options ?? ProjectOptions.Default).OptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; fails the test if the generator threw.</summary>
    public static GeneratorOutput Generate(CSharpCompilation compilation, ProjectOptions? options = null)
    {
        var driver = CreateDriver(options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        var result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        OutputCorpus.Record(compilation, options ?? ProjectOptions.Default, "generated", result.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "==> " + s.HintName + "\n" + s.SourceText));
        return new GeneratorOutput(driver, result, output, options ?? ProjectOptions.Default);
    }

    public static GeneratorOutput Generate(string source, ProjectOptions? options = null) => Generate(Compilation(source), options);

    /// <summary>Every analyzer in the compiler assembly, found the way the compiler finds them (by
    /// <c>[DiagnosticAnalyzer]</c>), so a new analyzer is covered by every test without being listed.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(PipelineAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Runs the analyzers over the compilation (generated code included) and returns their diagnostics,
    /// with the severities of <see cref="ProjectOptions.EditorConfig"/> applied. Suppressed diagnostics
    /// (#pragma, [SuppressMessage], severity none) are left out unless <paramref name="includeSuppressed"/>,
    /// and then carry <see cref="Diagnostic.IsSuppressed"/>. Fails the test if an analyzer threw (AD0001).</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ProjectOptions? options = null, bool includeSuppressed = false)
    {
        options ??= ProjectOptions.Default;
        if (options.AnalyzerConfigSet is { } editorConfig)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new EditorConfigSeverities(editorConfig)));
        }

        var analyzerOptions = new AnalyzerOptions(options.AdditionalTexts, options.OptionsProvider);
        var withAnalyzers = compilation.WithAnalyzers(
            Analyzers,
            new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: includeSuppressed));
        var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        OutputCorpus.Record(compilation, options, includeSuppressed ? "diagnostics+suppressed" : "diagnostics", all
            .Where(d => d.Id.StartsWith("SGW", StringComparison.Ordinal))
            .Select(d => d.Id + " " + d.Severity + " " + d.Location.GetLineSpan() + (d.IsSuppressed ? " suppressed" : string.Empty) + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(line => line, StringComparer.Ordinal));
        return all.Where(d => d.Id.StartsWith("SGW", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>Generator then analyzer, as in a build.</summary>
    public static ImmutableArray<Diagnostic> Analyze(string source, ProjectOptions? options = null) =>
        Analyze(Generate(source, options).Compilation, options);
}

/// <summary>The target frameworks whose reference assemblies test sources can be compiled against.</summary>
public enum ReferenceFramework
{
    /// <summary>.NET 8, the lowest SDK Sagewright supports.</summary>
    Net80,

    /// <summary>.NET Standard 2.0, as a library that targets it.</summary>
    NetStandard20,
}

/// <summary>Reference assemblies from the Basic.Reference.Assemblies package, whose DLL the test project copies
/// to <c>reference-assemblies/</c> (see tests/ReferenceAssemblies.props). It holds each framework's reference
/// assemblies as resources named <c>&lt;framework&gt;.&lt;assembly&gt;</c>; they are read from there, and none of
/// the package's code is run (it is built for a newer Roslyn than the tests run on).</summary>
public static class TargetReferences
{
    private static readonly Lazy<System.Reflection.Assembly> Package = new(() =>
        System.Reflection.Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "reference-assemblies", "Basic.Reference.Assemblies.dll")));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ReferenceFramework, ImmutableArray<MetadataReference>> Loaded = new();

    public static ImmutableArray<MetadataReference> For(ReferenceFramework framework) => Loaded.GetOrAdd(framework, Load);

    /// <summary>The file names of the framework's reference assemblies.</summary>
    public static IEnumerable<string> Names(ReferenceFramework framework) => For(framework).Select(r => Path.GetFileName(r.Display!));

    private static ImmutableArray<MetadataReference> Load(ReferenceFramework framework)
    {
        var prefix = framework switch
        {
            ReferenceFramework.Net80 => "net80.",
            ReferenceFramework.NetStandard20 => "netstandard20.",
            _ => throw new ArgumentOutOfRangeException(nameof(framework)),
        };
        var package = Package.Value;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var name in package.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = package.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var image = copy.ToArray();
            if (image is [(byte)'M', (byte)'Z', ..])
            {
                var file = name[prefix.Length..];
                references.Add(MetadataReference.CreateFromImage(image, filePath: file.EndsWith(".dll", StringComparison.Ordinal) ? file : file + ".dll"));
            }
        }

        if (references.Count == 0)
        {
            throw new InvalidOperationException($"No {prefix}* reference assemblies in {package.Location}; resources: {string.Join(", ", package.GetManifestResourceNames().Take(5))}…");
        }

        return references.ToImmutable();
    }
}

/// <summary>What a generator run produced.</summary>
public sealed record GeneratorOutput(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Compilation, ProjectOptions Options)
{
    /// <summary>The files the build task would write, read from the generated sources the way the task reads them
    /// from disk; the compilation must also emit (the generated code compiles).</summary>
    public SortedDictionary<string, string> Files() => Manifest().Files;

    /// <summary>Everything the generator handed to the build task.</summary>
    public ArtifactManifest Manifest()
    {
        using var stream = new MemoryStream();
        var emit = Compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var sources = Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.True(sources.TryGetValue(ArtifactReader.IndexHintName, out var index), "the generator wrote no index: " + string.Join(", ", sources.Keys));
        return ArtifactReader.Read(index!, hint => sources.TryGetValue(hint, out var text) ? text : null);
    }

    /// <summary>The pipeline.json of the named pipeline; fails if it was not generated.</summary>
    public string Definition(string pipeline = "Demo")
    {
        var files = Files();
        Assert.True(files.TryGetValue(pipeline + "/pipeline.json", out var json),
            $"No {pipeline}/pipeline.json was generated. Files: {string.Join(", ", files.Keys)}. Diagnostics:\n"
            + string.Join("\n", TestProject.Analyze(Compilation, Options)));
        return json!;
    }

    /// <summary>The generated sources, without the index every run writes (<see cref="ArtifactReader.IndexHintName"/>).</summary>
    public IReadOnlyList<string> GeneratedSources => Result.Results.SelectMany(r => r.GeneratedSources).Where(s => s.HintName != ArtifactReader.IndexHintName).Select(s => s.SourceText.ToString()).ToList();
}

internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> global, ImmutableDictionary<string, string> perFile, AnalyzerConfigSet? editorConfig = null)
    : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => ForPath(tree.FilePath, perFile);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ForPath(textFile.Path, ImmutableDictionary<string, string>.Empty);

    private AnalyzerConfigOptions ForPath(string path, ImmutableDictionary<string, string> extra) =>
        editorConfig is null
            ? (extra.IsEmpty ? DictionaryOptions.Empty : new DictionaryOptions(extra))
            : new DictionaryOptions(editorConfig.GetOptionsForSourcePath(path).AnalyzerOptions.SetItems(extra));

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}

/// <summary>The severities an .editorconfig sets, handed to the compilation the way the compiler does it
/// (its own provider is internal): per file from the sections that match the file's path, else global.</summary>
internal sealed class EditorConfigSeverities(AnalyzerConfigSet set) : SyntaxTreeOptionsProvider
{
    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
        set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions.TryGetValue("generated_code", out var value)
            ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated
            : GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
}
