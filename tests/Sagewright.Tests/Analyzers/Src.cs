using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Source snippets the diagnostic tests share. <see cref="Demo"/> is a valid pipeline (with the tags SGW109
/// requires by default) with one parameter of each type and the image constants the steps use (a plain const, not a parameter, is
/// literal text to Sagewright).</summary>
internal static class Src
{
    public const string Demo = DemoSource.Text;

    /// <summary>Training step <c>Train</c> and processing step <c>Evaluate</c> reading its model and writing the property
    /// file <c>evaluation.json</c> as output <c>Report</c> (the metrics a register-model step names).</summary>
    public const string Evaluated = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        public sealed class Train;

        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        [Input(typeof(Train), "/opt/ml/processing/model")]
        public sealed class Evaluate
        {
            [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")]
            public const string Report = "evaluation";
        }

        """;

    /// <summary><see cref="Demo"/> with its <c>[Pipeline("Demo")]</c> replaced by the given attribute line(s).</summary>
    public static string WithPipeline(string pipelineAttribute) => Demo.Replace("[Pipeline(\"Demo\")]", pipelineAttribute, StringComparison.Ordinal);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    /// <summary>The one diagnostic with the given ID; fails if there is not exactly one.</summary>
    public static string Single(IReadOnlyList<Diagnostic> diagnostics, string id) => Message(Assert.Single(diagnostics, d => d.Id == id));
}

/// <summary><see cref="Markup.Verify"/> for a project of several files: each file is marked up on its own,
/// and every diagnostic must match one mark by file, ID and span.</summary>
internal static class MultiFileMarkup
{
    public static IReadOnlyList<Diagnostic> Verify(params string[] markups)
    {
        var files = markups.Select((m, i) => (Path: ProjectOptions.ProjectDirectory + "File" + Src.Int(i) + ".cs", Parsed: Markup.Parse(m))).ToList();
        var compilation = TestProject.Compilation(files.Select(f => (f.Path, f.Parsed.Source)).ToArray());
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
        var diagnostics = Markup.Relevant(TestProject.Analyze(TestProject.Generate(compilation).Compilation), files.SelectMany(f => f.Parsed.Expected.Select(e => e.Id)));
        var texts = files.ToImmutableDictionary(f => f.Path, f => f.Parsed.Source);
        string Describe(string id, string path, Microsoft.CodeAnalysis.Text.TextSpan span) =>
            $"{id} {Path.GetFileName(path)} {span} '{texts[path].Substring(span.Start, span.Length)}'";
        var wanted = files.SelectMany(f => f.Parsed.Expected.Select(e => Describe(e.Id, f.Path, e.Span))).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var actual = diagnostics.Select(d => Describe(d.Id, d.Location.SourceTree!.FilePath, d.Location.SourceSpan)).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(wanted.SequenceEqual(actual),
            "Expected:\n  " + string.Join("\n  ", wanted) + "\nActual:\n  " + string.Join("\n  ", diagnostics.Select(d => Describe(d.Id, d.Location.SourceTree!.FilePath, d.Location.SourceSpan) + ": " + Src.Message(d))));
        MessageFormats.AssertFilled(diagnostics);
        return diagnostics;
    }
}
