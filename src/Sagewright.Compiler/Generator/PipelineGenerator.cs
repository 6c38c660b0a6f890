using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Sagewright.Compiler.Binding;
using Sagewright.Model;
using Sagewright.Model.Pipeline;

namespace Sagewright.Compiler.Generator;

/// <summary>Turns [Pipeline] classes and their steps into the pipeline definition and related files,
/// embedded in the assembly as <c>AssemblyMetadata</c> (the build task writes them to disk) and as
/// constants on the pipeline class. Reports nothing: the analyzer reports the same findings at the
/// attribute arguments, and an invalid pipeline simply produces no output.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class PipelineGenerator : IIncrementalGenerator
{
    /// <summary>The prefix of the <c>AssemblyMetadata</c> keys that carry generated files.</summary>
    public const string MetadataPrefix = "Sagewright:";

    /// <summary>The prefix of the <c>AssemblyMetadata</c> keys that name pipelines left out because of errors
    /// (only reachable when those errors are suppressed), so that the build task can say so.</summary>
    public const string InvalidPrefix = "Sagewright.Invalid:";

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
                static (ctx, ct) => new Binder(ctx.SemanticModel.Compilation, ct).BindPipeline((INamedTypeSymbol)ctx.TargetSymbol))
            .WithTrackingName(TrackingNames.Pipelines)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);

        // One provider per step attribute (ForAttributeWithMetadataName matches exact attribute names).
        IncrementalValueProvider<ImmutableArray<StepDecl>>? collected = null;
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

        var inputs = pipelines
            .Combine(stepsByPipeline)
            .Select(static (pair, _) => pair.Right.InputOf(pair.Left))
            .WithTrackingName(TrackingNames.PipelineInputs);

        var compiled = inputs
            .Combine(settings.Select(static (s, _) => s.Settings))
            .Combine(codeFiles)
            .Select(static (input, _) => PipelineCompiler.Compile(input.Left.Left.Pipeline, input.Left.Left.Steps, input.Left.Left.ForeignSteps, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Compiled);

        var sources = compiled
            .Select(static (r, _) => new GeneratedSource(HintName(r.Pipeline), r.Succeeded ? Render(r) : RenderInvalid(r)))
            .WithTrackingName(TrackingNames.Sources);

        context.RegisterSourceOutput(sources, static (spc, source) => spc.AddSource(source.HintName, SourceText.From(source.Text, Encoding.UTF8)));
    }

    private static IncrementalValuesProvider<StepDecl> StepsWith(IncrementalGeneratorInitializationContext context, string attribute, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => IsClass(node),
                static (ctx, ct) => new Binder(ctx.SemanticModel.Compilation, ct).BindStep((INamedTypeSymbol)ctx.TargetSymbol))
            .WithTrackingName(trackingName)
            .Where(static s => s is not null)
            .Select(static (s, _) => s!);

    /// <summary>Record classes are classes too: the analyzer binds them, so the generator must as well.</summary>
    private static bool IsClass(SyntaxNode node) => node is ClassDeclarationSyntax or RecordDeclarationSyntax;

    private static string HintName(PipelineDecl pipeline) => "Sagewright." + pipeline.TypeName.Replace('+', '.') + ".g.cs";

    internal static string Render(PipelineResult result)
    {
        var pipeline = result.Pipeline;
        var writer = new SourceWriter();
        writer.Line("// <auto-generated/>");
        writer.Line("// Generated by Sagewright from the [Pipeline] class " + pipeline.TypeName.Replace('+', '.') + ". Do not edit.");
        writer.Line("#nullable enable");
        writer.Line();
        foreach (var file in result.Files)
        {
            writer.Line("[assembly: global::System.Reflection.AssemblyMetadataAttribute(" + Literal(MetadataPrefix + file.RelativePath) + ", " + Literal(file.Content) + ")]");
        }

        if (!pipeline.IsPartial)
        {
            return writer.ToString();
        }

        writer.Line();
        if (pipeline.Namespace.Length > 0)
        {
            writer.Line("namespace " + pipeline.Namespace);
            writer.Open();
        }

        var nesting = pipeline.TypeName.Substring(pipeline.Namespace.Length == 0 ? 0 : pipeline.Namespace.Length + 1).Split('+');
        foreach (var type in nesting)
        {
            writer.Line("partial class " + StripArity(type));
            writer.Open();
        }

        writer.Line("/// <summary>The SageMaker pipeline name.</summary>");
        writer.Line("public const string PipelineName = " + Literal(pipeline.Name) + ";");
        writer.Line();
        writer.Line("/// <summary>The pipeline definition JSON (the <c>PipelineDefinition</c> of CreatePipeline), exactly as written to pipeline.json.</summary>");
        writer.Line("public const string PipelineDefinition = " + Literal(result.DefinitionJson ?? string.Empty) + ";");
        foreach (var _ in nesting)
        {
            writer.Close();
        }

        if (pipeline.Namespace.Length > 0)
        {
            writer.Close();
        }

        return writer.ToString();
    }

    private static string RenderInvalid(PipelineResult result)
    {
        var ids = string.Join(" ", result.Findings.Where(f => f.IsError).Select(f => f.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
        var writer = new SourceWriter();
        writer.Line("// <auto-generated/>");
        // The name as an escaped literal: any of C#'s line breaks (\r, \u2028, …) written raw would end the comment.
        writer.Line("// Sagewright wrote no definition for pipeline " + Literal(result.Pipeline.Name) + ": it has errors (" + ids + ").");
        writer.Line("[assembly: global::System.Reflection.AssemblyMetadataAttribute(" + Literal(InvalidPrefix + result.Pipeline.Name) + ", " + Literal(ids) + ")]");
        return writer.ToString();
    }

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private sealed record GeneratedSource(string HintName, string Text);
}
