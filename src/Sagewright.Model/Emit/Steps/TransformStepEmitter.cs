namespace Sagewright.Model.Emit.Steps;

/// <summary>Transform steps: CreateTransformJob minus TransformJobName.</summary>
internal sealed class TransformStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal JsonObject BuildTransform(StepDecl step, TransformBody body)
    {
        var arguments = new JsonObject().Add("ModelName", TransformModelName(step, body));

        var input = new JsonObject();
        if (body.Input is not { } inputDecl)
        {
            Report(RuleIds.RequiredSettingMissing, body.Origin.AttributeOnly, "Transform step '" + step.Name + "' has no input: add [TransformInput(\"s3://<bucket>/<prefix>\")]");
        }
        else
        {
            input.Add("DataSource", new JsonObject().Add("S3DataSource", new JsonObject()
                .Add("S3DataType", "S3Prefix")
                .Add("S3Uri", ResolveValue(step, inputDecl.Source, ParameterType.String, "the transform input", s3: true))));
            AddText(input, "ContentType", inputDecl.ContentType, inputDecl.Origin.WithNamed("ContentType"), Quotas.MaxMimeTypeLength);
            AddEnum(input, "CompressionType", inputDecl.CompressionType);
            AddEnum(input, "SplitType", inputDecl.SplitType);
        }

        arguments.Add("TransformInput", input);

        var outputDecl = body.Output;
        JsonValue outputPath = outputDecl?.Destination is { } destination
            ? ResolveValue(step, destination, ParameterType.String, "the transform output path", s3: true)
            : Join("/", "s3:/", Bucket, Pipeline.Name, Get("Execution.PipelineExecutionId"), step.Name);
        var output = new JsonObject().Add("S3OutputPath", outputPath);
        if (outputDecl is not null)
        {
            AddText(output, "Accept", outputDecl.Accept, outputDecl.Origin.WithNamed("Accept"), Quotas.MaxMimeTypeLength);
            AddEnum(output, "AssembleWith", outputDecl.AssembleWith);
        }

        arguments.Add("TransformOutput", output);
        arguments.Add("TransformResources", BuildTransformResources(step));

        AddEnum(arguments, "BatchStrategy", body.BatchStrategy);
        if (body.MaxConcurrentTransforms is { } concurrent)
        {
            CheckRange(concurrent, 0, int.MaxValue, body.Origin.WithNamed("MaxConcurrentTransforms"), "MaxConcurrentTransforms");
            arguments.Add("MaxConcurrentTransforms", concurrent);
        }

        if (body.MaxPayloadInMB is { } payload)
        {
            CheckRange(payload, 0, Quotas.MaxTransformPayloadInMB, body.Origin.WithNamed("MaxPayloadInMB"), "MaxPayloadInMB");
            arguments.Add("MaxPayloadInMB", payload);
        }

        Compilation.Jobs.AddEnvironment(step, arguments, Quotas.MaxTransformEnvironmentValueLength, Quotas.MaxTransformEnvironment);

        if (body.DataProcessing is { } dataProcessing)
        {
            var json = new JsonObject();
            AddText(json, "InputFilter", dataProcessing.InputFilter, dataProcessing.Origin.WithNamed("InputFilter"), Quotas.MaxJsonPathLength);
            AddText(json, "OutputFilter", dataProcessing.OutputFilter, dataProcessing.Origin.WithNamed("OutputFilter"), Quotas.MaxJsonPathLength);
            AddEnum(json, "JoinSource", dataProcessing.JoinSource);
            if (json.Count == 0)
            {
                Report(RuleIds.RequiredSettingMissing, dataProcessing.Origin.AttributeOnly, "[DataProcessing] sets nothing: give InputFilter, OutputFilter or JoinSource, or remove it");
            }
            else
            {
                arguments.Add("DataProcessing", json);
            }
        }

        return arguments;
    }

    /// <summary>The model: <c>Model = typeof(step)</c> gives <c>Steps.X.ModelName</c>; <c>ModelName</c> is text or a parameter.</summary>
    private JsonValue TransformModelName(StepDecl step, TransformBody body)
    {
        if (body.Model is { } model && body.ModelName is { } both)
        {
            Report(RuleIds.SettingConflict, both.Origin, "Transform step '" + step.Name + "'", "its model", "Model", "ModelName", "keep one");
            return string.Empty;
        }

        if (body.Model is { } reference)
        {
            if (ResolveStep(reference.StepType, reference.Origin, "Model = typeof(...)") is not { } target)
            {
                return string.Empty;
            }

            if (target.Kind != StepKind.Model)
            {
                Report(RuleIds.WrongReferenceKind, reference.Origin, target.Name, target.Kind.DisplayName(), "creates no model", "Model takes a [CreateModelStep] class");
                return string.Empty;
            }

            return Get("Steps." + target.Name + ".ModelName");
        }

        if (body.ModelName is { } name)
        {
            if (name.IsLiteral && NameRules.Check(NameRules.Model, name.Text) is { } problem)
            {
                Report(RuleIds.InvalidName, name.Origin, Capitalize(problem));
            }

            return ResolveValue(step, name, ParameterType.String, "the model name", s3: false);
        }

        Report(RuleIds.RequiredSettingMissing, body.Origin.AttributeOnly,
            "Transform step '" + step.Name + "' has no model: set Model = typeof(<a [CreateModelStep] class>) or ModelName = \"<model name>\"");
        return string.Empty;
    }

    private JsonObject BuildTransformResources(StepDecl step)
    {
        var resources = new JsonObject();
        if (step.Job.Instance is not { } instance)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly, "Step '" + step.Name + "' has no instance type: add [Instance(\"ml.m5.large\")]");
            return resources;
        }

        var type = Compilation.Jobs.ResolveInstanceType(step, instance);

        var count = Compilation.Jobs.IntegerSetting(step, instance.Count, instance.CountValue, int.MaxValue, instance.Origin.WithNamed("Count"), "Count", "the instance count");
        return resources.Add("InstanceCount", count).Add("InstanceType", type);
    }
}
