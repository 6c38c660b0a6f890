namespace Sagewright.Model.Validation;

/// <summary>Checks of the whole pipeline: step names, and the quotas counted over all steps.</summary>
internal sealed class PipelineChecks(PipelineCompilation compilation) : CompilerPass(compilation)
{
    /// <summary>Checks names and duplicates; returns null when a duplicate makes references ambiguous.</summary>
    public Dictionary<string, StepDecl>? CheckStepNames()
    {
        var byName = new Dictionary<string, StepDecl>(StringComparer.Ordinal);
        var ok = true;
        foreach (var step in Steps)
        {
            if (NameRules.Check(NameRules.Step, step.Name) is { } problem)
            {
                Report(RuleIds.InvalidName, step.NameOrigin, Capitalize(problem));
            }

            if (byName.TryGetValue(step.Name, out var first))
            {
                Report(RuleIds.DuplicateStepName, step.NameOrigin, step.Name, "class '" + PipelineCompiler.ShortName(first.TypeName) + "'");
                ok = false;
            }
            else
            {
                byName[step.Name] = step;
            }
        }

        return ok ? byName : null;
    }

    public void CheckFlowQuotas()
    {
        var propertyFiles = Steps.SelectMany(s => s.Job.Outputs).Where(o => o.PropertyFile is not null).ToList();
        if (propertyFiles.Count > Quotas.MaxPropertyFiles)
        {
            Report(RuleIds.QuotaExceeded, propertyFiles[Quotas.MaxPropertyFiles].PropertyFile!.Origin.AttributeOnly,
                "Pipeline '" + Pipeline.Name + "' declares " + PipelineCompiler.Int(propertyFiles.Count) + " property files; at most " + PipelineCompiler.Int(Quotas.MaxPropertyFiles) + " are allowed");
        }

        if (Compilation.Expressions.JsonGets > Quotas.MaxJsonGets)
        {
            Report(RuleIds.QuotaExceeded, Pipeline.Origin.AttributeOnly,
                "Pipeline '" + Pipeline.Name + "' reads property files " + PipelineCompiler.Int(Compilation.Expressions.JsonGets) + " times (Std:JsonGet); at most " + PipelineCompiler.Int(Quotas.MaxJsonGets) + " are allowed");
        }
    }

    public void CheckStepCount()
    {
        if (Steps.Count > Quotas.MaxSteps)
        {
            Report(RuleIds.QuotaExceeded, Pipeline.Origin.AttributeOnly,
                "Pipeline '" + Pipeline.Name + "' has " + PipelineCompiler.Int(Steps.Count) + " steps; SageMaker allows at most " + PipelineCompiler.Int(Quotas.MaxSteps));
        }
    }
}
