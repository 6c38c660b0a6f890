using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Binding;
using Sagewright.Outputs;

namespace Sagewright.Compiler.Generator;

/// <summary>Turns [Pipeline] classes and their steps into the pipeline definition and related files, carried as
/// comments in the generated sources (the compiler writes them to disk and the build task copies the files out, see
/// <see cref="GeneratedOutputFormat"/>), so that nothing but the <c>PipelineName</c> constant reaches the assembly. Reports nothing: the analyzer reports the same findings at the
/// attribute arguments, and an invalid pipeline simply produces no output. Never throws for one pipeline: an
/// internal failure is that pipeline's (SGW012, from the analyzer), and the others still generate.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class PipelineGenerator : IIncrementalGenerator
{
    private static readonly (string Attribute, string TrackingName)[] StepProviders =
    {
        (AttributeNames.ProcessingStepMetadataName, TrackingNames.ProcessingSteps),
        (AttributeNames.TrainingStepMetadataName, TrackingNames.TrainingSteps),
        (AttributeNames.ConditionStepMetadataName, TrackingNames.ConditionSteps),
        (AttributeNames.FailStepMetadataName, TrackingNames.FailSteps),
        (AttributeNames.TuningStepMetadataName, TrackingNames.TuningSteps),
        (AttributeNames.LambdaStepMetadataName, TrackingNames.LambdaSteps),
        (AttributeNames.CallbackStepMetadataName, TrackingNames.CallbackSteps),
        (AttributeNames.RegisterModelStepMetadataName, TrackingNames.RegisterModelSteps),
        (AttributeNames.CreateModelStepMetadataName, TrackingNames.ModelSteps),
        (AttributeNames.TransformStepMetadataName, TrackingNames.TransformSteps),
    };

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var pipelines = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.PipelineMetadataName,
                static (node, _) => IsClass(node),
                static (ctx, ct) => PipelineInput.Bind((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.Pipelines)
            .Where(static p => p.Pipeline is not null || p.Failure is not null)
            .Collect()
            .SelectMany(static (all, _) => all
                .GroupBy(p => p.TypeName, StringComparer.Ordinal) // [Pipeline] on two partial parts, or a class declared twice
                .Select(g => g.First()));

        // One provider per step attribute (ForAttributeWithMetadataName matches exact attribute names).
        IncrementalValueProvider<ImmutableArray<StepInput>>? collected = null;
        foreach (var (attribute, trackingName) in StepProviders)
        {
            var steps = StepsWith(context, attribute, trackingName).Collect();
            collected = collected is null ? steps : collected.Value.Combine(steps).Select(static (pair, _) => pair.Left.AddRange(pair.Right));
        }

        var allSteps = collected!.Value
            .Select(static (steps, _) => steps
                .GroupBy(s => s.TypeName, StringComparer.Ordinal) // a partial class with the attribute on two parts binds twice
                .Select(g => g.First())
                .OrderBy(s => s.TypeName, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.AllSteps);

        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ProjectSettings.Read(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Settings);

        var projectDirectory = settings.Select(static (s, _) => s.ProjectDirectory);
        var codeFiles = context.AdditionalTextsProvider
            .Where(ProjectSettings.IsCodeFile)
            .Combine(projectDirectory)
            .Select(static (pair, ct) => ProjectSettings.Hash(pair.Left, pair.Right, ct))
            .Where(static f => f is not null)
            .Collect()
            .Select(static (files, _) => files.Select(f => f!).OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.CodeFiles);

        // One pipeline is the unit of work: each pipeline is compiled from its own steps only (plus the names of the
        // others' steps, for messages), so an edit to one pipeline's step leaves every other pipeline's input equal
        // and its compilation cached.
        var stepsByPipeline = allSteps
            .Select(static (steps, _) => StepsByPipeline.Of(steps))
            .WithTrackingName(TrackingNames.StepsByPipeline);

        var endpoints = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.EndpointMetadataName,
                static (node, _) => IsClass(node),
                static (ctx, ct) => EndpointInput.Bind((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.Endpoints)
            .Where(static e => e.PipelineType is not null)
            .Collect()
            .Select(static (all, _) => all
                .GroupBy(e => e.TypeName, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(e => e.TypeName, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.AllEndpoints);

        var units = pipelines
            .Combine(stepsByPipeline)
            .Select(static (pair, _) => pair.Right.UnitOf(pair.Left))
            .Combine(endpoints)
            .Select(static (pair, _) => pair.Right.Any(e => e.PipelineType == pair.Left.Input.TypeName)
                ? pair.Left with { Endpoints = pair.Right.Where(e => e.PipelineType == pair.Left.Input.TypeName).ToEquatableArray() }
                : pair.Left)
            .WithTrackingName(TrackingNames.PipelineInputs);

        var compiled = units
            .Combine(settings.Select(static (s, _) => s.Settings))
            .Combine(codeFiles)
            .Select(static (input, _) => Compile(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Compiled);

        var sources = compiled
            .Combine(settings.Select(static (s, _) => s.Settings.EmbedDefinition))
            .Select(static (pair, _) => GeneratedSource.Of(HintName(pair.Left.Input.TypeName), Render(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.Sources);

        context.RegisterSourceOutput(sources, static (spc, source) => spc.AddSource(source.HintName, SourceText.From(source.Text, Encoding.UTF8)));

        // The index of this run's pipeline sources: the build task reads only the sources it lists (a renamed
        // pipeline's old source stays on disk), and its absence after a compile means the generator did not complete.
        var index = sources
            .Select(static (s, _) => (s.HintName, s.Hash))
            .Collect()
            .Select(static (all, _) => GeneratedOutputFormat.Index(all.OrderBy(s => s.HintName, StringComparer.Ordinal)))
            .WithTrackingName(TrackingNames.Index);

        context.RegisterSourceOutput(index, static (spc, text) => spc.AddSource(GeneratedOutputFormat.IndexHintName, SourceText.From(text, Encoding.UTF8)));
    }

    private static IncrementalValuesProvider<StepInput> StepsWith(IncrementalGeneratorInitializationContext context, string attribute, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => IsClass(node),
                static (ctx, ct) => StepInput.Bind((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(trackingName)
            .Where(static s => s.Step is not null || s.Failure is not null);

    /// <summary>Record classes are classes too: the analyzer binds them, so the generator must as well.</summary>
    private static bool IsClass(SyntaxNode node) => node is ClassDeclarationSyntax or RecordDeclarationSyntax;

    /// <summary>Compiles one pipeline; an internal failure (in binding the pipeline or one of its steps, or in the
    /// compiler) becomes that pipeline's failure, and the other pipelines are unaffected.</summary>
    private static CompiledPipeline Compile(PipelineUnit unit, BuildSettings settings, EquatableArray<CodeFile> codeFiles)
    {
        var input = unit.Input;
        var failure = input.Failure ?? unit.Steps.FirstOrDefault(s => s.Failure is not null)?.Failure ?? unit.Endpoints.FirstOrDefault(e => e.Failure is not null)?.Failure;
        if (failure is null && input.Pipeline is { } pipeline)
        {
            try
            {
                var steps = unit.Steps.Where(s => s.Step is not null).Select(s => s.Step!);
                return new CompiledPipeline(input, PipelineCompiler.Compile(pipeline, steps, unit.ForeignSteps, settings, codeFiles, endpoints: unit.Endpoints.Where(e => e.Endpoint is not null).Select(e => e.Endpoint!)), null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = Failures.Describe(ex);
            }
        }

        return new CompiledPipeline(input, null, failure ?? "unknown failure");
    }

    /// <summary>A sanitised type name plus a hash of the exact metadata name: unique, also ignoring case (two classes
    /// whose names differ only in case), and a valid hint name whatever the class is called (a file-local class's
    /// metadata name has <c>&lt;</c> and <c>&gt;</c>).</summary>
    internal static string HintName(string typeName)
    {
        var sanitised = new StringBuilder(typeName.Length);
        foreach (var c in typeName)
        {
            sanitised.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' ? c : '_');
        }

        // FNV-1a over the UTF-16 code units: stable across processes and platforms (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var c in typeName)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return "Sagewright." + sanitised.ToString().Trim('.') + "." + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
    }

    private static string Render(CompiledPipeline compiled, bool embedDefinition) => compiled.Result switch
    {
        null => RenderFailed(compiled.Input, compiled.Failure!),
        { Succeeded: true } result => Render(result, compiled.Input, embedDefinition),
        var result => RenderInvalid(result),
    };

    /// <summary>The files as comments (the build task reads them from the source the compiler writes to disk, so
    /// none of them is compiled into the assembly), then, for a partial class, the <c>PipelineName</c> constant and,
    /// when the project opts in (<c>SagewrightEmbedDefinition</c>), the <c>PipelineDefinition</c> constant.</summary>
    internal static string Render(PipelineResult result, PipelineInput input, bool embedDefinition = false)
    {
        var pipeline = result.Pipeline;
        var header = new StringBuilder(result.Files.Sum(f => f.Content.Length + 64) + 1024); // one allocation for the whole source
        header.Append("// <auto-generated/>\n");
        header.Append("// Generated by Sagewright from the [Pipeline] class ").Append(Comment(pipeline.TypeName.Replace('+', '.'))).Append(". Do not edit.\n");
        header.Append("// The build writes the files below to its sagemaker/ folder; as comments, none of them is compiled into the assembly.\n");
        foreach (var file in result.Files)
        {
            GeneratedOutputFormat.WriteRecord(header, file.Binary ? GeneratedOutputFormat.BinaryKind : GeneratedOutputFormat.FileKind, file.RelativePath, file.Content);
        }

        if (!pipeline.IsPartial)
        {
            return header.ToString();
        }

        var writer = new SourceWriter();
        writer.Line("#nullable enable");
        writer.Line();
        if (input.Namespace.Length > 0)
        {
            writer.Line("namespace " + input.Namespace);
            writer.Open();
        }

        foreach (var declaration in input.Declarations)
        {
            writer.Line(declaration);
            writer.Open();
        }

        writer.Line("/// <summary>The SageMaker pipeline name.</summary>");
        writer.Line("public const string PipelineName = " + Literal(pipeline.Name) + ";");
        if (embedDefinition)
        {
            writer.Line();
            writer.Line("/// <summary>The pipeline definition JSON (the <c>PipelineDefinition</c> of CreatePipeline), exactly as written to pipeline.json.</summary>");
            writer.Line("public const string PipelineDefinition = " + Literal(result.DefinitionJson ?? string.Empty) + ";");
        }

        foreach (var _ in input.Declarations)
        {
            writer.Close();
        }

        if (input.Namespace.Length > 0)
        {
            writer.Close();
        }

        return header.Append(writer.ToString()).ToString();
    }

    private static string RenderInvalid(PipelineResult result)
    {
        var ids = string.Join(" ", result.Findings.Where(f => f.IsError).Select(f => f.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
        var builder = new StringBuilder();
        builder.Append("// <auto-generated/>\n");
        // The name as an escaped literal: any of C#'s line breaks (\r, \u2028, …) written raw would end the comment.
        builder.Append("// Sagewright wrote no definition for pipeline ").Append(Literal(result.Pipeline.Name)).Append(": it has errors (").Append(ids).Append(").\n");
        GeneratedOutputFormat.WriteRecord(builder, GeneratedOutputFormat.InvalidKind, result.Pipeline.Name, ids);
        return builder.ToString();
    }

    /// <summary>A pipeline Sagewright failed to compile (SGW012, reported by the analyzer): named for the build task,
    /// which keeps its previously written files.</summary>
    private static string RenderFailed(PipelineInput input, string failure)
    {
        var builder = new StringBuilder();
        builder.Append("// <auto-generated/>\n");
        builder.Append("// Sagewright could not compile pipeline ").Append(Literal(input.Name)).Append(" (SGW012).\n");
        GeneratedOutputFormat.WriteRecord(builder, GeneratedOutputFormat.FailedKind, input.Name, failure);
        return builder.ToString();
    }

    /// <summary>Text for a <c>//</c> comment: line breaks would end it.</summary>
    private static string Comment(string text) =>
        text.IndexOfAny(new[] { '\r', '\n', '\u0085', '\u2028', '\u2029' }) < 0 ? text : Literal(text);

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A pipeline's source with the SHA-256 of its text, which the index lists.</summary>
    private sealed record GeneratedSource(string HintName, string Text, string Hash)
    {
        public static GeneratedSource Of(string hintName, string text) => new(hintName, text, GeneratedOutputFormat.Hash(text));
    }

    private sealed record CompiledPipeline(PipelineInput Input, PipelineResult? Result, string? Failure);
}
