using System;
using Sagewright.Model.Json;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Pipeline;

/// <summary>Model steps (CreateModel minus ModelName) and transform steps (CreateTransformJob minus TransformJobName).</summary>
internal sealed partial class CompileContext
{
    private JsonObject BuildModel(StepDecl step, ModelBody body)
    {
        // [Framework] images are the processing/training ones; a model takes the complete inference image URI.
        ReportUnsupported(step, step.Framework?.Origin, "[Framework]", "processing steps (a model step takes [Image] with the inference image URI)");
        var image = ResolveImage(step with { Framework = null });

        var container = new JsonObject().Add("Image", image ?? string.Empty);
        if (body.ModelData is { } modelData)
        {
            if (modelData.IsLiteral && modelData.Text.Length > Quotas.MaxModelDataUrlLength)
            {
                Report(RuleIds.OutOfRange, modelData.Origin, "The model data URL may be at most " + PipelineCompiler.Int(Quotas.MaxModelDataUrlLength) + " characters long");
            }

            container.Add("ModelDataUrl", ResolveValue(step, modelData, ParameterType.String, "the model data", s3: true));
        }

        // The SDK always sends Environment, empty when no variable is set.
        AddEnvironment(step, container, Quotas.MaxModelEnvironmentValueLength);
        if (step.Environment.IsEmpty)
        {
            container.Add("Environment", new JsonObject());
        }

        var roleArn = RoleOf(step);
        if (body.RoleArn is not null && !AwsSettings.IsRoleArn(body.RoleArn))
        {
            Report(RuleIds.InvalidName, body.Origin.WithNamed("RoleArn"), "'" + body.RoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        var arguments = new JsonObject().Add("ExecutionRoleArn", roleArn).Add("PrimaryContainer", container);
        if (body.NetworkIsolation)
        {
            arguments.Add("EnableNetworkIsolation", true);
        }

        ReportUnsupported(step, step.Instance?.Origin, "[Instance]", "processing, training and transform steps (a model has no compute; the transform step or endpoint that uses it does)");
        ReportNonModelSettings(step);
        return arguments;
    }

    private JsonObject BuildTransform(StepDecl step, TransformBody body)
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
            : Join("/", "s3:/", _bucket, _pipeline.Name, Get("Execution.PipelineExecutionId"), step.Name);
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

        AddEnvironment(step, arguments, Quotas.MaxTransformEnvironmentValueLength, Quotas.MaxTransformEnvironment);

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

        ReportUnsupported(step, step.Image?.Origin, "[Image]", "processing, training and model steps (a transform step runs the image of its model)");
        ReportUnsupported(step, step.Framework?.Origin, "[Framework]", "processing steps");
        ReportNonModelSettings(step);
        return arguments;
    }

    /// <summary>The model: <c>Model = typeof(step)</c> gives <c>Steps.X.ModelName</c>; <c>ModelName</c> is text or a parameter.</summary>
    private JsonValue TransformModelName(StepDecl step, TransformBody body)
    {
        if (body.Model is { } model && body.ModelName is { } both)
        {
            Report(RuleIds.RequiredSettingMissing, both.Origin, "Transform step '" + step.Name + "' sets both Model and ModelName; keep one");
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
                Report(RuleIds.TypeMismatch, reference.Origin,
                    "Step '" + target.Name + "' is a " + target.Kind.ToString().ToLowerInvariant() + " step and creates no model; Model takes a [CreateModelStep] class");
                return string.Empty;
            }

            AddEdge(step, target, reference.Origin);
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
        if (step.Instance is not { } instance)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly, "Step '" + step.Name + "' has no instance type: add [Instance(\"ml.m5.large\")]");
            return resources;
        }

        var type = ResolveInstanceType(step, instance);

        CheckRange(instance.Count, 1, int.MaxValue, instance.Origin.WithNamed("Count"), "Count");
        return resources.Add("InstanceCount", instance.Count).Add("InstanceType", type);
    }

    /// <summary>Job attributes that neither a model nor a transform step takes.</summary>
    private void ReportNonModelSettings(StepDecl step)
    {
        ReportUnsupported(step, step.Code?.Origin, "[Code]", "processing and training steps");
        ReportUnsupported(step, step.Inputs.Count > 0 ? step.Inputs[0].Origin : null, "[Input]", "processing steps");
        ReportUnsupported(step, step.Outputs.Count > 0 ? step.Outputs[0].Origin : null, "[Output]", "processing steps");
        ReportUnsupported(step, step.ContainerArguments.Count > 0 ? step.ContainerArguments[0].Origin : null, "[ContainerArguments]", "processing steps");
        ReportUnsupported(step, step.Channels.Count > 0 ? step.Channels[0].Origin : null, "[Channel]", "training steps");
        ReportUnsupported(step, step.HyperParameters.Count > 0 ? step.HyperParameters[0].Origin : null, "[HyperParameter]", "training steps");
        ReportUnsupported(step, step.ModelOutput?.Origin, "[ModelOutput]", "training steps");
        ReportUnsupported(step, step.Spot?.Origin, "[Spot]", "training steps");
        ReportUnsupported(step, step.MaxRuntimeOrigin, "[MaxRuntime]", "processing and training steps");
    }

    private void AddText(JsonObject json, string key, string? value, Origin origin, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            Report(RuleIds.OutOfRange, origin, key + " may be at most " + PipelineCompiler.Int(maxLength) + " characters long");
        }

        json.Add(key, value);
    }

    private void AddEnum(JsonObject json, string key, EnumSetting? setting)
    {
        if (setting is null)
        {
            return;
        }

        if (setting.Value is null)
        {
            Report(RuleIds.OutOfRange, setting.Origin, key + " is not one of the values SageMaker accepts; use a named member of the enum");
            return;
        }

        json.Add(key, setting.Value);
    }
}
