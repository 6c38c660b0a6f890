using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Diagnostics;
using Sagewright.Compiler.Generator;

namespace Sagewright.Compiler.Analyzers;

/// <summary>Classes no pipeline compiles: a step whose pipeline argument names no [Pipeline], an [Endpoint] whose model
/// names no pipeline, and step settings on a class that is no step.</summary>
internal sealed partial class PipelineAnalysis
{
    /// <summary>SGW008 for a step whose pipeline is not a [Pipeline] class, and its binder findings.</summary>
    private IEnumerable<Diagnostic> Detached(INamedTypeSymbol type, string typeName, Index index, CancellationToken cancellationToken)
    {
        List<Finding> findings;
        try
        {
            findings = new Binder(_compilation, cancellationToken).BindStep(type) is { } step
                ? PipelineCompiler.FindDetachedSteps(new[] { step }, index.Pipelines.Keys).ToList()
                : new List<Finding>();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attributes = type.GetAttributes();
            var stepIndex = Binder.InSourceOrder(attributes).FirstOrDefault(i => Binder.StepKindOf(attributes[i].AttributeClass) is not null);
            findings = new List<Finding>
            {
                new(RuleIds.InternalFailure, new Origin(typeName, null, stepIndex, -1, null),
                    "Sagewright could not compile step '" + type.Name + "': " + Failures.Describe(ex) + "; please report this"),
            };
        }

        return ToDiagnostics(findings, cancellationToken)[typeName];
    }

    /// <summary>The binder findings of an [Endpoint] whose model names no pipeline (no pipeline compiles it).</summary>
    private IEnumerable<Diagnostic> DetachedEndpoint(INamedTypeSymbol type, string typeName, CancellationToken cancellationToken)
    {
        List<Finding> findings;
        try
        {
            findings = new Binder(_compilation, cancellationToken).BindEndpoint(type)?.Findings.ToList() ?? new List<Finding>();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            findings = new List<Finding>
            {
                new(RuleIds.InternalFailure, new Origin(typeName, null, Binder.IndexOf(type.GetAttributes(), AttributeNames.Endpoint), -1, null),
                    "Sagewright could not compile endpoint '" + type.Name + "': " + Failures.Describe(ex) + "; please report this"),
            };
        }

        return ToDiagnostics(findings, cancellationToken)[typeName];
    }

    /// <summary>SGW019 at the first attribute of a class whose Sagewright attributes are all step settings (an
    /// <c>[Instance]</c> on a class someone forgot to make a step), or null.</summary>
    private static Finding? SettingsWithoutStep(INamedTypeSymbol type, string typeName)
    {
        var attributes = type.GetAttributes();
        int? first = null;
        foreach (var i in Binder.InSourceOrder(attributes))
        {
            if (AttributeNames.Of(attributes[i].AttributeClass) is not { } name)
            {
                continue;
            }

            if (!AttributeNames.StepSettings.ContainsKey(name))
            {
                return null; // a step, a pipeline, or a Sagewright class of another kind
            }

            first ??= i;
        }

        if (first is not { } index)
        {
            return null;
        }

        var setting = AttributeNames.Of(attributes[index].AttributeClass)!;
        return new Finding(RuleIds.SettingsWithoutStep, new Origin(typeName, null, index, -1, null), type.Name,
            AttributeNames.ShortName(attributes[index].AttributeClass), Short(AttributeNames.StepSettings[setting]));

        static string Short(string name) => name.EndsWith(nameof(Attribute), StringComparison.Ordinal) ? name.Substring(0, name.Length - nameof(Attribute).Length) : name;
    }
}
