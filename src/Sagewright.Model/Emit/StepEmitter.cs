namespace Sagewright.Model.Emit;

/// <summary>One step's JSON: the common fields, the kind's arguments (one emitter per kind), the security settings and
/// the step settings.</summary>
internal sealed class StepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal JsonObject BuildStep(StepDecl step)
    {
        var arguments = step.Body switch
        {
            ConditionBody condition => Compilation.Condition.BuildCondition(step, condition),
            FailBody fail => Compilation.Fail.BuildFail(step, fail),
            TuningBody tuning => Compilation.Tuning.BuildTuning(step, tuning),
            ExternalStepBody external => Compilation.External.BuildExternalArguments(step, external),
            RegisterModelBody register => Compilation.RegisterModel.BuildRegisterModel(step, register),
            ModelBody model => Compilation.Model.BuildModel(step, model),
            TransformBody transform => Compilation.Transform.BuildTransform(step, transform),
            _ => step.Kind == StepKind.Processing ? Compilation.Processing.BuildProcessing(step) : Compilation.Training.BuildTraining(step),
        };
        if (step.Body is ConditionBody or FailBody or ExternalStepBody)
        {
            ReportJobSettings(step);
        }

        Compilation.Security.AddSecurity(step, arguments);

        var json = new JsonObject()
            .Add("Name", step.Name)
            .Add("Type", step.Kind.ToString())
            .Add("Arguments", arguments);

        var dependsOn = new JsonArray();
        var dependencyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in step.DependsOn)
        {
            if (ResolveStep(dependency.StepType, dependency.Origin, "[DependsOn]") is { } target)
            {
                AddEdge(step, target, dependency.Origin);
                if (dependencyNames.Add(target.Name))
                {
                    dependsOn.Add(target.Name);
                }
            }
        }

        if (dependsOn.Count > 0)
        {
            json.Add("DependsOn", dependsOn);
        }

        json.AddIf("DisplayName", step.DisplayName is null ? null : (JsonValue)step.DisplayName);
        json.AddIf("Description", step.Description is null ? null : (JsonValue)step.Description);
        Compilation.StepSettings.AddStepSettings(step, json);
        if (step.Body is ExternalStepBody externalBody)
        {
            Compilation.External.AddExternalFields(step, externalBody, json);
        }

        return json;
    }

    /// <summary>Job attributes on a condition or fail step are a mistake worth saying so.</summary>
    private void ReportJobSettings(StepDecl step)
    {
        var where = "processing or training steps";
        ReportUnsupported(step, step.Image?.Origin, "[Image]", where);
        ReportUnsupported(step, step.Framework?.Origin, "[Framework]", where);
        ReportUnsupported(step, step.Instance?.Origin, "[Instance]", where);
        ReportUnsupported(step, step.Code?.Origin, "[Code]", where);
        ReportUnsupported(step, step.Environment.Count > 0 ? step.Environment[0].Origin : null, "[Environment]", where);
        ReportUnsupported(step, step.Inputs.Count > 0 ? step.Inputs[0].Origin : null, "[Input]", where);
        ReportUnsupported(step, step.Outputs.Count > 0 ? step.Outputs[0].Origin : null, "[Output]", where);
        ReportUnsupported(step, step.Channels.Count > 0 ? step.Channels[0].Origin : null, "[Channel]", where);
        ReportUnsupported(step, step.HyperParameters.Count > 0 ? step.HyperParameters[0].Origin : null, "[HyperParameter]", where);
        ReportUnsupported(step, step.ModelOutput?.Origin, "[ModelOutput]", where);
        ReportUnsupported(step, step.Spot?.Origin, "[Spot]", where);
        ReportUnsupported(step, step.MaxRuntimeOrigin, "[MaxRuntime]", where);
    }
}
