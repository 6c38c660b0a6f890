using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Sagewright.Benchmarks;

/// <summary>The peer row: the System.Text.Json source generator (the one the .NET SDK ships, loaded from the
/// targeting pack next to the running runtime) on N types equivalent to the pipelines: one file per type, each with as
/// many properties as a three-step pipeline's file has attribute arguments, every type in [JsonSerializable] on one
/// JsonSerializerContext. Cold is a fresh compilation and a new driver; the keystroke changes one character of a string
/// literal (a property initializer) in one type's file, on a warm driver with step tracking on, like
/// <see cref="EditBenchmarks"/>.</summary>
[MemoryDiagnoser]
public class JsonPeerBenchmarks
{
    private SyntaxTree[] _trees = null!;
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _typeTree = null!;
    private SyntaxTree _typeTreeEdited = null!;
    private GeneratorDriver _warmDriver = null!;
    private Type _generator = null!;

    [Params(200)]
    public int Types { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (path, generator) = JsonGenerator.Load();
        _generator = generator;
        var properties = BenchProject.AttributeArguments(BenchProject.Parse(BenchProject.Pipeline(0, 3), "/bench/P0.cs"));
        Console.WriteLine($"System.Text.Json generator: {path}; {Types} types of {properties} properties (the attribute arguments of a three-step pipeline)");

        _trees = [.. Enumerable.Range(0, Types).Select(i => BenchProject.Parse(Model(i, properties), $"/bench/Model{i}.cs")), BenchProject.Parse(Context(Types), "/bench/Context.cs")];
        _compilation = BenchProject.Compile(_trees);
        _typeTree = _trees[Types / 2];
        _typeTreeEdited = _typeTree.WithChangedText(SourceText.From(_typeTree.ToString().Replace("= \"value 0\"", "= \"valve 0\"", StringComparison.Ordinal)));
        if (_typeTreeEdited.ToString() == _typeTree.ToString())
        {
            throw new InvalidOperationException("The keystroke's literal is not in the type's source.");
        }

        BenchProject.EnsureClean(_compilation, NewDriver(track: false), expectedSources: null, "System.Text.Json peer");
        _warmDriver = NewDriver(track: true).RunGenerators(_compilation);
    }

    [Benchmark(Description = "System.Text.Json generator, cold (fresh compilation)")]
    public GeneratorDriver Cold() => NewDriver(track: false).RunGenerators(BenchProject.Compile(_trees));

    [Benchmark(Description = "System.Text.Json generator, keystroke in one type's literal")]
    public GeneratorDriver Keystroke() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_typeTree, _typeTreeEdited));

    [Benchmark(Description = "System.Text.Json generator, no edit (same compilation)")]
    public GeneratorDriver NoEdit() => _warmDriver.RunGenerators(_compilation);

    private GeneratorDriver NewDriver(bool track) => BenchProject.Driver(track, (IIncrementalGenerator)Activator.CreateInstance(_generator)!);

    /// <summary>Properties of the four kinds a pipeline's arguments have (strings, numbers, flags, lists).</summary>
    private static string Model(int i, int properties)
    {
        var text = new StringBuilder();
        text.Append($"using System.Collections.Generic;\nnamespace Json{i};\n\npublic sealed class Model{i}\n{{\n");
        for (var p = 0; p < properties; p++)
        {
            text.Append((p % 4) switch
            {
                0 => $"    public string Text{p} {{ get; set; }} = \"value {p}\";\n",
                1 => $"    public int Number{p} {{ get; set; }} = {p};\n",
                2 => $"    public bool Flag{p} {{ get; set; }}\n",
                _ => $"    public List<string> List{p} {{ get; set; }} = new();\n",
            });
        }

        return text.Append("}\n").ToString();
    }

    private static string Context(int types)
    {
        var text = new StringBuilder("using System.Text.Json.Serialization;\nnamespace JsonBench;\n\n");
        for (var i = 0; i < types; i++)
        {
            text.Append($"[JsonSerializable(typeof(Json{i}.Model{i}))]\n");
        }

        return text.Append("public partial class BenchContext : JsonSerializerContext\n{\n}\n").ToString();
    }
}

/// <summary>Finds the System.Text.Json source generator in the shared framework's targeting pack: the dotnet root is
/// three folders above the running runtime's System.Private.CoreLib (shared/Microsoft.NETCore.App/&lt;version&gt;/), the
/// generator is under packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/analyzers/dotnet/cs/ (the running runtime's version
/// if that pack is there, else the newest pack).</summary>
internal static class JsonGenerator
{
    public static (string Path, Type Generator) Load()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        const string Relative = "analyzers/dotnet/cs/System.Text.Json.SourceGeneration.dll";
        var candidates = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .OrderByDescending(d => Path.GetFileName(d) == Path.GetFileName(runtimeDirectory))
                .ThenByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, Relative))
                .Where(File.Exists)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new FileNotFoundException($"No System.Text.Json source generator under {packs} (from the runtime at {runtimeDirectory}).");
        }

        var assembly = Assembly.LoadFrom(candidates[0]);
        var generator = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttributes<GeneratorAttribute>().Any());
        return (candidates[0], generator);
    }
}
