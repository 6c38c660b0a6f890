namespace Sagewright.Model.Emit;

/// <summary>The pipeline-level parts of the definition and of the CreatePipeline request: parameters, experiment
/// configuration and tags.</summary>
internal sealed class PipelineEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    public JsonArray BuildParameters()
    {
        var result = new JsonArray();
        var names = new Dictionary<string, ParameterDecl>(StringComparer.Ordinal);
        if (Pipeline.Parameters.Count > Quotas.MaxParameters)
        {
            Report(RuleIds.QuotaExceeded, Pipeline.Origin.AttributeOnly,
                "Pipeline '" + Pipeline.Name + "' has " + PipelineCompiler.Int(Pipeline.Parameters.Count) + " parameters; SageMaker allows at most " + PipelineCompiler.Int(Quotas.MaxParameters));
        }

        foreach (var parameter in Pipeline.Parameters)
        {
            Index.ParametersByMember[parameter.Member] = parameter;
            if (NameRules.Check(NameRules.Parameter, parameter.Name) is { } problem)
            {
                Report(RuleIds.InvalidName, parameter.NameOrigin, Capitalize(problem));
            }
            else if (names.TryGetValue(parameter.Name, out var first))
            {
                Report(RuleIds.InvalidName, parameter.NameOrigin, "Parameter name '" + parameter.Name + "' is already used by field '" + first.Member + "'");
            }
            else
            {
                names[parameter.Name] = parameter;
            }

            JsonValue defaultValue = parameter.Type switch
            {
                ParameterType.Integer => new JsonLiteral(parameter.DefaultValue),
                ParameterType.Float => new JsonLiteral(parameter.DefaultValue),
                ParameterType.Boolean => JsonValue.From(parameter.DefaultValue == "true"),
                _ => parameter.DefaultValue,
            };
            var declaration = new JsonObject()
                .Add("Name", parameter.Name)
                .Add("Type", parameter.Type.ToString())
                .Add("DefaultValue", defaultValue);
            if (!parameter.EnumValues.IsEmpty)
            {
                if (parameter.Type != ParameterType.String)
                {
                    Report(RuleIds.TypeMismatch, parameter.Origin.WithNamed("EnumValues"), "EnumValues apply to String parameters only; '" + parameter.Name + "' is " + Article(parameter.Type));
                }
                else if (!parameter.EnumValues.Contains(parameter.DefaultValue))
                {
                    Report(RuleIds.OutOfRange, parameter.Origin.WithNamed("EnumValues"), "The default '" + parameter.DefaultValue + "' of parameter '" + parameter.Name + "' is not one of its EnumValues");
                }

                declaration.Add("EnumValues", new JsonArray(parameter.EnumValues.Select(v => (JsonValue)v)));
            }

            result.Add(declaration);
        }

        return result;
    }

    public JsonObject BuildCreatePipelineRequest(JsonArray tags)
    {
        var request = new JsonObject().Add("PipelineName", Pipeline.Name);
        request.AddIf("PipelineDisplayName", Pipeline.DisplayName is null ? null : (JsonValue)Pipeline.DisplayName);
        request.AddIf("PipelineDescription", Pipeline.Description is null ? null : (JsonValue)Pipeline.Description);
        request.Add("RoleArn", Roles.PipelineRoleArn);
        if (!Pipeline.Tags.IsEmpty)
        {
            request.Add("Tags", tags);
        }

        return request;
    }

    /// <summary>The UpdatePipeline request: the CreatePipeline members UpdatePipeline has (no Tags, no
    /// ClientRequestToken), without the definition, which is sent as <c>--pipeline-definition</c>.</summary>
    public JsonObject BuildUpdatePipelineRequest()
    {
        var request = new JsonObject().Add("PipelineName", Pipeline.Name);
        request.AddIf("PipelineDisplayName", Pipeline.DisplayName is null ? null : (JsonValue)Pipeline.DisplayName);
        request.AddIf("PipelineDescription", Pipeline.Description is null ? null : (JsonValue)Pipeline.Description);
        return request.Add("RoleArn", Roles.PipelineRoleArn);
    }

    public JsonValue BuildExperimentConfig()
    {
        if (!Pipeline.ExperimentTracking)
        {
            return JsonValue.Null;
        }

        return new JsonObject()
            .Add("ExperimentName", Pipeline.ExperimentName is { } name ? ResolvePipelineValue(name, "the experiment name") : Get("Execution.PipelineName"))
            .Add("TrialName", Pipeline.TrialName is { } trial ? ResolvePipelineValue(trial, "the trial name") : Get("Execution.PipelineExecutionId"));
    }

    /// <summary>A value outside any step: text, a parameter or an execution variable.</summary>
    private JsonValue ResolvePipelineValue(ValueSource value, string what)
    {
        if (value.Kind is ValueKind.StepOutput or ValueKind.ModelArtifacts or ValueKind.Expression or ValueKind.OutputParameter)
        {
            Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " can be text, a String parameter or an execution variable, not a step's value");
            return string.Empty;
        }

        // SageMaker creates the experiment and the trial with these names: check the names known before the run.
        if (value.IsLiteral && NameRules.Check(NameRules.ExperimentEntity, value.Text) is { } problem)
        {
            Report(RuleIds.InvalidName, value.Origin, Capitalize(problem));
        }
        else if (value.Kind == ValueKind.Parameter && Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter)
            && parameter.Type == ParameterType.String && NameRules.Check(NameRules.ExperimentEntity, parameter.DefaultValue) is { } defaultProblem)
        {
            Report(RuleIds.InvalidName, value.Origin, Capitalize(defaultProblem) + "; it is the default of parameter '" + parameter.Name + "', used as " + what);
        }

        return ResolveValue(null, value, ParameterType.String, what, s3: false);
    }
}
