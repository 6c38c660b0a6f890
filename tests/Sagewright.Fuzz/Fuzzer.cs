using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Analyzers;
using Sagewright.Compiler.Generator;

namespace Sagewright.Fuzz;

public sealed class FuzzOptions
{
    public int Seed { get; set; } = 1;

    public int Count { get; set; } = 1000;

    /// <summary>Stop after this long, whatever <see cref="Count"/> says.</summary>
    public TimeSpan? TimeLimit { get; set; }

    /// <summary>An input that takes longer than this is a hang.</summary>
    public TimeSpan InputTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public string? OutputDirectory { get; set; }

    public string? RepositoryRoot { get; set; }

    /// <summary>A folder with an input to check on its own (what a finding wrote).</summary>
    public string? Replay { get; set; }
}

/// <summary>What went wrong with one input.</summary>
public sealed record FuzzFinding(string Kind, string Detail, string Mutations, IReadOnlyList<(string Path, string Text)> Files);

public sealed class FuzzReport
{
    public int Seeds { get; set; }

    public int Inputs { get; set; }

    /// <summary>Inputs that compiled without errors before generation (the others still must not crash anything).</summary>
    public int CleanInputs { get; set; }

    public int InputsWithSagewrightDiagnostics { get; set; }

    /// <summary>Inputs whose generated text differs by file order only where the C# compiler itself binds them
    /// differently by file order (its own errors differ): invalid C# the generator follows, not a finding.</summary>
    public int CompilerOrderDependent { get; set; }

    public TimeSpan Elapsed { get; set; }

    public List<FuzzFinding> Findings { get; } = new();

    public string Summary()
    {
        var byKind = Findings.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + g.Count().ToString(CultureInfo.InvariantCulture));
        return string.Create(CultureInfo.InvariantCulture,
            $"seeds={Seeds} inputs={Inputs} clean={CleanInputs} with-sgw-diagnostics={InputsWithSagewrightDiagnostics} csharp-order-dependent={CompilerOrderDependent} findings={Findings.Count} [{string.Join(" ", byKind)}] elapsed={Elapsed.TotalSeconds:F0}s");
    }
}

/// <summary>Runs the real generator and every analyzer on mutated inputs and records exceptions (CS8784/CS8785,
/// AD0001), hangs, nondeterminism (two runs, and the syntax trees in reverse order, must generate the same text) and
/// generated code that does not compile.</summary>
public sealed class Fuzzer
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        return platform
            .Append(typeof(Sagewright.PipelineAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(PipelineAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly FuzzOptions _options;
    private readonly TextWriter _log;

    public Fuzzer(FuzzOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    public FuzzReport Run()
    {
        var report = new FuzzReport();
        var clock = Stopwatch.StartNew();
        var seeds = Corpus.Load(_options.RepositoryRoot ?? throw new InvalidOperationException("no repository root"));
        report.Seeds = seeds.Count;
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException("No seed inputs under " + _options.RepositoryRoot);
        }

        var random = new Random(_options.Seed);
        var mutator = new Mutator(random);
        for (var i = 0; i < _options.Count && (_options.TimeLimit is not { } limit || clock.Elapsed < limit); i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            // Every tenth input is a seed as it is: the unmutated corpus must pass too.
            var (files, mutations) = i % 10 == 0 ? (seed.Files.ToList(), "none") : mutator.Mutate(seed);
            mutations = seed.Origin + ": " + mutations;
            if (_options.OutputDirectory is { } output)
            {
                // A crash of the process (a stack overflow) leaves the input that caused it here.
                Save(Path.Combine(output, "current"), files, "input " + i.ToString(CultureInfo.InvariantCulture) + "\n" + mutations);
            }

            report.Inputs++;
            foreach (var finding in Check(files, mutations, report))
            {
                report.Findings.Add(finding);
                _log.WriteLine(finding.Kind + ": " + mutations + "\n  " + finding.Detail.Replace("\n", "\n  ", StringComparison.Ordinal));
                if (_options.OutputDirectory is { } folder)
                {
                    Save(Path.Combine(folder, finding.Kind + "-" + report.Findings.Count.ToString("D4", CultureInfo.InvariantCulture)), files, mutations + "\n\n" + finding.Detail);
                }
            }

            if ((i + 1) % 500 == 0)
            {
                report.Elapsed = clock.Elapsed;
                _log.WriteLine(report.Summary());
            }
        }

        report.Elapsed = clock.Elapsed;
        if (_options.OutputDirectory is { } done && Directory.Exists(Path.Combine(done, "current")))
        {
            Directory.Delete(Path.Combine(done, "current"), recursive: true);
        }

        return report;
    }

    private static void Save(string folder, IReadOnlyList<(string Path, string Text)> files, string notes)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Delete(file);
        }

        for (var i = 0; i < files.Count; i++)
        {
            File.WriteAllText(Path.Combine(folder, i.ToString("D2", CultureInfo.InvariantCulture) + "-" + Path.GetFileName(files[i].Path)), files[i].Text);
        }

        File.WriteAllText(Path.Combine(folder, "notes.txt"), notes + "\n");
    }

    /// <summary>Checks one input, within the per-input timeout.</summary>
    public IEnumerable<FuzzFinding> Check(IReadOnlyList<(string Path, string Text)> files, string mutations, FuzzReport? report = null)
    {
        using var cancellation = new CancellationTokenSource();
        var work = Task.Run(() => CheckCore(files, mutations, report, cancellation.Token));
        if (!work.Wait(_options.InputTimeout))
        {
            cancellation.Cancel();
            return new[] { new FuzzFinding("hang", "did not finish within " + _options.InputTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", mutations, files) };
        }

        return work.Result;
    }

    private static List<FuzzFinding> CheckCore(IReadOnlyList<(string Path, string Text)> files, string mutations, FuzzReport? report, CancellationToken cancellationToken)
    {
        var findings = new List<FuzzFinding>();
        void Add(string kind, string detail) => findings.Add(new FuzzFinding(kind, detail, mutations, files));

        var compilation = Compile(files);
        var userErrors = compilation.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        if (report is not null && !userErrors)
        {
            report.CleanInputs++;
        }

        var (first, generated, generatorDiagnostics, exception) = Generate(compilation, cancellationToken);
        if (exception is not null || generatorDiagnostics.Any(d => d.Id is "CS8784" or "CS8785"))
        {
            Add("generator-exception", exception?.ToString() ?? string.Join("\n", generatorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785")));
            return findings;
        }

        var second = Generate(Compile(files), cancellationToken).Sources;
        var reversedCompilation = Compile(files.Reverse().ToList());
        var reversed = Generate(reversedCompilation, cancellationToken).Sources;
        if (Describe(first) != Describe(reversed) && Describe(first) == Describe(second) && userErrors
            && CompilerErrors(compilation, cancellationToken) != CompilerErrors(reversedCompilation, cancellationToken))
        {
            // Roslyn merges some invalid declarations (a file-local class named like a public partial one) by file
            // order, so the symbols the generator reads differ too: the build fails on the C# errors either way.
            if (report is not null)
            {
                report.CompilerOrderDependent++;
            }
        }
        else if (Describe(first) != Describe(second))
        {
            Add("nondeterministic", "two runs generated different text\n" + Diff(first, second));
        }
        else if (Describe(first) != Describe(reversed))
        {
            Add("order-dependent", "the files in reverse order generated different text\n" + Diff(first, reversed));
        }

        var originalTrees = new HashSet<SyntaxTree>(compilation.SyntaxTrees);
        var generatedErrors = generated.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !originalTrees.Contains(tree))
            .Where(d => !userErrors || d.Id.StartsWith("CS1", StringComparison.Ordinal)) // with user errors, only syntax errors count
            .ToList();
        if (generatedErrors.Count > 0)
        {
            Add("uncompilable-generated-code", string.Join("\n", generatedErrors.Take(10)) + "\n" + string.Join("\n---\n", first.Select(s => s.HintName + "\n" + s.Text)));
        }

        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new FuzzOptionsProvider());
        var withAnalyzers = generated.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        var failures = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (failures.Count > 0)
        {
            Add("analyzer-exception", string.Join("\n", failures.Select(d => d.GetMessage(CultureInfo.InvariantCulture))));
        }

        if (report is not null && diagnostics.Any(d => d.Id.StartsWith("SGW", StringComparison.Ordinal)))
        {
            report.InputsWithSagewrightDiagnostics++;
        }

        return findings;
    }

    /// <summary>The C# compiler's own errors, independent of the order they are reported in.</summary>
    public static string CompilerErrors(Compilation compilation, CancellationToken cancellationToken = default) =>
        string.Join("\n", compilation.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Id + " " + d.Location.SourceTree?.FilePath + d.Location.SourceSpan)
            .Order(StringComparer.Ordinal));

    private static CSharpCompilation Compile(IReadOnlyList<(string Path, string Text)> files) =>
        CSharpCompilation.Create(
            "FuzzProject",
            files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, Encoding.UTF8), ParseOptions, f.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    private static (List<(string HintName, string Text)> Sources, Compilation Output, ImmutableArray<Diagnostic> Diagnostics, Exception? Exception) Generate(
        CSharpCompilation compilation, CancellationToken cancellationToken)
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new PipelineGenerator().AsSourceGenerator() },
            ImmutableArray<AdditionalText>.Empty,
            ParseOptions,
            new FuzzOptionsProvider(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        var ran = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        var result = ran.GetRunResult();
        var sources = result.Results.SelectMany(r => r.GeneratedSources)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();
        return (sources, output, diagnostics, result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null));
    }

    private static string Describe(List<(string HintName, string Text)> sources) =>
        string.Concat(sources.Select(s => s.HintName + "\n" + s.Text + "\n\0"));

    private static string Diff(List<(string HintName, string Text)> a, List<(string HintName, string Text)> b)
    {
        var names = a.Select(s => s.HintName).Concat(b.Select(s => s.HintName)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var x = a.FirstOrDefault(s => s.HintName == name).Text;
            var y = b.FirstOrDefault(s => s.HintName == name).Text;
            if (x != y)
            {
                var at = 0;
                while (x is not null && y is not null && at < x.Length && at < y.Length && x[at] == y[at])
                {
                    at++;
                }

                return name + " differs at " + at.ToString(CultureInfo.InvariantCulture) + ": «" + Around(x, at) + "» vs «" + Around(y, at) + "»";
            }
        }

        return string.Empty;
    }

    private static string Around(string? text, int at) =>
        text is null ? "(missing)" : text.Substring(Math.Max(0, at - 60), Math.Min(text.Length - Math.Max(0, at - 60), 160));

    /// <summary>The MSBuild properties a project with Sagewright sets (account and region), as global options.</summary>
    private sealed class FuzzOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Global = new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_property.MSBuildProjectDirectory"] = Corpus.ProjectDirectory.TrimEnd('/'),
            ["build_property.SagewrightAccountId"] = "123456789012",
            ["build_property.SagewrightRegion"] = "us-east-1",
        });

        private static readonly Options Empty = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
