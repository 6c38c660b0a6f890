using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Analyzers;

namespace Sagewright.Benchmarks;

/// <summary>A large generated project: N pipelines of three steps each (processing → training → evaluation),
/// compiled with the generator (cold and after an unrelated edit) and analysed with the analyzers. The analyzers
/// that look at every string (SGW201) and every suppression (SGW900) are measured on the pipelines plus N
/// ordinary classes full of string literals, next to a baseline analyzer that registers the same syntax node
/// action and does nothing: the difference is what SGW201 itself costs.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private SyntaxTree[] _trees = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _withLiterals = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [Params(200)]
    public int Pipelines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _trees = BenchProject.PipelineTrees(Pipelines, steps: 3);
        _compilation = BenchProject.Compile(_trees);
        _withLiterals = _compilation.AddSyntaxTrees(Enumerable.Range(0, Pipelines).Select(i => CSharpSyntaxTree.ParseText(PlainSource(i), path: $"/bench/Plain{i}.cs")));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { static class Edit { } }", path: "/bench/Edit.cs"));
        _warmDriver = NewDriver().RunGenerators(_compilation);

        // Measure real work: the project compiles, and the plain classes hold no credential.
        BenchProject.EnsureClean(_compilation, NewDriver(), Pipelines, "pipelines");
        var errors = _withLiterals.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || CredentialAnalyzer() != 0)
        {
            throw new InvalidOperationException("The benchmark project is not what it should be:\n" + string.Join("\n", errors.Take(10)));
        }
    }

    /// <summary>The generator on the same compilation object every time: after the first invocation its symbols and
    /// attributes are already bound, so this under-reports a real cold run (see the fresh-compilation row).</summary>
    [Benchmark(Description = "generator, cold run (reused compilation)")]
    public GeneratorDriver GeneratorCold() => NewDriver().RunGenerators(_compilation);

    /// <summary>A real cold run: a new compilation of the same (already parsed) trees per invocation, nothing bound.</summary>
    [Benchmark(Description = "generator, cold run (fresh compilation)")]
    public GeneratorDriver GeneratorColdFresh() => NewDriver().RunGenerators(BenchProject.Compile(_trees));

    [Benchmark(Description = "generator, after an unrelated edit")]
    public GeneratorDriver GeneratorIncremental() => _warmDriver.RunGenerators(_edited);

    [Benchmark(Description = "analyzer, whole compilation")]
    public int Analyzer() => BenchProject.Analyze(_compilation, new PipelineAnalyzer());

    [Benchmark(Description = "baseline: empty string-literal node action, pipelines + plain classes")]
    public int StringLiteralBaseline() => BenchProject.Analyze(_withLiterals, new EmptyStringLiteralAnalyzer());

    [Benchmark(Description = "SGW201 credential analyzer, pipelines + plain classes")]
    public int CredentialAnalyzer() => BenchProject.Analyze(_withLiterals, new CredentialAnalyzer());

    [Benchmark(Description = "SGW900 suppression analyzer, pipelines + plain classes")]
    public int SuppressionAnalyzer() => BenchProject.Analyze(_withLiterals, new SuppressionAnalyzer());

    [Benchmark(Description = "all analyzers, pipelines + plain classes")]
    public int AllAnalyzers() => BenchProject.Analyze(_withLiterals, new PipelineAnalyzer(), new CredentialAnalyzer(), new SuppressionAnalyzer());

    private static GeneratorDriver NewDriver() => BenchProject.SagewrightDriver(track: false);

    /// <summary>An ordinary class with about 60 string literals of every kind and no credential: short and long
    /// strings, URLs, 40-character base-64 values under ordinary names (they reach the secret-key check),
    /// 20-character upper-case IDs, interpolated, verbatim, raw and UTF-8 strings, named arguments, a pragma
    /// and a justified [SuppressMessage].</summary>
    private static string PlainSource(int i) => $$""""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        namespace Plain{{i}};

        public static class Messages{{i}}
        {
            public const string Greeting = "Hello, world";
            public const string Url = "https://example.com/api/v1/items/{{i}}?expand=true&limit=100";
            public const string Checksum = "kq7RZs/EXwb2Lm9Pd+VyTn4Hc8JgFa1Ux6Ko3NtB";
            public const string ContentHash = "3f786850e387550fdab836ed7e6dc881de23001b";
            public const string OrderId = "ORD2024ABCDEFGHIJKLM";
            public static readonly string Path = @"C:\data\input\{{i}}\file.csv";
            public static readonly string[] Items = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
                "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon" };
            public static readonly Dictionary<string, string> Headers = new()
            {
                ["Content-Type"] = "application/json",
                ["Accept"] = "application/json, text/plain, */*",
                ["User-Agent"] = "bench-client/1.0 (+https://example.com/bench)",
                ["X-Request-Checksum"] = "Tz8pQ2vM/nW5xL+aR7cK0yB3hJ9dF6gS4uE1iO2w",
            };

            public static string Sql => """
                SELECT id, name, created_at
                FROM items
                WHERE tenant = @tenant AND created_at > @since
                ORDER BY created_at DESC
                """;

            public static ReadOnlySpan<byte> Utf8 => "utf-8 text of some length for the benchmark"u8;

            public static string Format(int n, string unit) => $"Item {n} of {{i}}: {n * 2} {unit} at {DateTime.UnixEpoch:yyyy-MM-dd}";

            public static void Log(string message, string level = "info", string category = "general") { }

        #pragma warning disable CS0618 // the old overload is kept for callers that still use it
            public static void Run()
            {
                Log("starting run", level: "debug");
                Log("loaded " + Items.Length + " items", category: "load");
                Log(Format(3, "units"));
                Log($"checksum {Checksum} for {Url}", "trace");
                Log("finished run with a message long enough to pass the length check", level: "info", category: "run");
            }
        #pragma warning restore CS0618

            [SuppressMessage("Style", "IDE0060:Remove unused parameter", Justification = "kept for the public signature")]
            public static string Describe(int unused) => "describe " + Greeting + " " + Url;
        }
        """";

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1036 // a benchmark baseline run in-process, not an analyzer assembly a compiler loads
    private sealed class EmptyStringLiteralAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1036
    {
#pragma warning disable RS2008 // a benchmark baseline, never shipped, so no release tracking
        private static readonly DiagnosticDescriptor Unused = new("BENCH0001", "Unused", "Unused", "Bench", DiagnosticSeverity.Info, isEnabledByDefault: true);
#pragma warning restore RS2008

        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Unused];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(static _ => { }, SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression, SyntaxKind.InterpolatedStringText);
        }
    }
}
