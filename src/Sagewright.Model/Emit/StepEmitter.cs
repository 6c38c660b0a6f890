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
}
