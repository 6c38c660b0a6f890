using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Sagewright.Model.Json;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Pipeline;

/// <summary>A file Sagewright writes under <c>sagemaker/</c>.</summary>
/// <param name="RelativePath">Forward slashes, relative to the <c>sagemaker/</c> folder.</param>
public sealed record OutputFile(string RelativePath, string Content);

/// <summary>What compiling one pipeline produced: the findings and, when none is an error, the files.</summary>
public sealed record PipelineResult(PipelineDecl Pipeline, EquatableArray<Finding> Findings, EquatableArray<OutputFile> Files)
{
    public bool Succeeded => !Files.IsEmpty;

    public string? DefinitionJson => Files.FirstOrDefault(f => f.RelativePath.EndsWith("/pipeline.json", StringComparison.Ordinal))?.Content;
}

/// <summary>Assembles a pipeline from its declarations, validates it (semantic rules, API shapes, quotas)
/// and emits its files. Pure: the same input always gives byte-identical output.</summary>
public static class PipelineCompiler
{
    public const string DefinitionVersion = "2020-12-01";

    public static PipelineResult Compile(PipelineDecl pipeline, IEnumerable<StepDecl> allSteps, BuildSettings settings, IEnumerable<CodeFile> codeFiles)
    {
        var context = new CompileContext(pipeline, allSteps, settings, codeFiles);
        var files = context.Run();
        return new PipelineResult(pipeline, context.Findings.ToEquatableArray(), files.ToEquatableArray());
    }

    /// <summary>SGW008 for steps whose pipeline argument is not a <c>[Pipeline]</c> class.</summary>
    public static IEnumerable<Finding> FindDetachedSteps(IEnumerable<StepDecl> steps, IEnumerable<string> pipelineTypes)
    {
        var known = new HashSet<string>(pipelineTypes, StringComparer.Ordinal);
        foreach (var step in steps.OrderBy(s => s.TypeName, StringComparer.Ordinal))
        {
            if (step.PipelineType is null)
            {
                yield return new Finding(RuleIds.StepNotAttached, step.PipelineOrigin,
                    "Step '" + step.Name + "' must name its pipeline: typeof(a class with [Pipeline])");
            }
            else if (!known.Contains(step.PipelineType))
            {
                yield return new Finding(RuleIds.StepNotAttached, step.PipelineOrigin,
                    "Step '" + step.Name + "' names '" + ShortName(step.PipelineType) + "' as its pipeline, but that class has no [Pipeline] attribute");
                foreach (var finding in step.Findings)
                {
                    yield return finding;
                }
            }
        }
    }

    internal static string ShortName(string metadataName)
    {
        var cut = Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+'));
        return cut < 0 ? metadataName : metadataName.Substring(cut + 1);
    }

    internal static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
