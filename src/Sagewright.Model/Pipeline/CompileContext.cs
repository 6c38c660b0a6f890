using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sagewright.Model.Iam;
using Sagewright.Model.Json;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Pipeline;

/// <summary>One compilation of one pipeline: resolves references, validates and builds the JSON in a
/// single pass, then orders the steps and writes the files if nothing was an error.</summary>
internal sealed partial class CompileContext
{
    private const string ProcessingPrefix = "/opt/ml/processing/";
    private const string CodeMount = "/opt/ml/processing/input/code";
    private const int DefaultTrainingMaxRuntime = 86400;

    private readonly PipelineDecl _pipeline;
    private readonly BuildSettings _settings;
    private readonly RuleOptions _rules;
    private readonly List<StepDecl> _steps;
    private readonly Dictionary<string, StepDecl> _stepsByType = new(StringComparer.Ordinal);
    private readonly HashSet<string> _otherSteps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterDecl> _parametersByMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeFile> _codeFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string From, Origin Origin)>> _edges = new(StringComparer.Ordinal);

    /// <summary>Where the binder already reported a value it could not read; the value it substituted
    /// (empty text, or a parameter's default) is not checked again there.</summary>
    private readonly HashSet<Origin> _binderOrigins = new();

    private string _bucket = string.Empty;
    private string _jobRoleArn = string.Empty;
    private string _pipelineRoleArn = string.Empty;
    private JsonArray _pipelineTags = new();

    public CompileContext(PipelineDecl pipeline, IEnumerable<StepDecl> allSteps, BuildSettings settings, IEnumerable<CodeFile> codeFiles, RuleOptions? rules = null)
    {
        _pipeline = pipeline;
        _settings = settings;
        _rules = rules ?? RuleOptions.Default;
        var all = allSteps.OrderBy(s => s.TypeName, StringComparer.Ordinal).ToList();
        _steps = all.Where(s => string.Equals(s.PipelineType, pipeline.TypeName, StringComparison.Ordinal)).ToList();
        foreach (var step in all)
        {
            if (_steps.Contains(step))
            {
                _stepsByType[step.TypeName] = step;
            }
            else
            {
                _otherSteps.Add(step.TypeName);
            }
        }

        foreach (var file in codeFiles)
        {
            _codeFiles[NormalizePath(file.RelativePath)] = file;
        }
    }

    public List<Finding> Findings { get; } = new();

    private bool HasErrors => Findings.Any(f => f.IsError);

    public List<OutputFile> Run()
    {
        Findings.AddRange(_pipeline.Findings);
        foreach (var step in _steps)
        {
            Findings.AddRange(step.Findings);
        }

        _binderOrigins.UnionWith(Findings.Select(f => f.Origin));

        CheckSettings();
        AssignRoles();
        var parameters = BuildParameters();
        var experimentConfig = BuildExperimentConfig();
        var stepNames = CheckStepNames();
        var stepJson = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var step in _steps)
        {
            _edges[step.TypeName] = new List<(string, Origin)>();
        }

        IndexFlow();
        foreach (var step in _steps)
        {
            stepJson[step.TypeName] = BuildStep(step);
        }

        FillBranches(stepJson);
        CheckFlowQuotas();
        CheckBestPractice();
        var iam = DeriveIam();

        if (_steps.Count > Quotas.MaxSteps)
        {
            Report(RuleIds.QuotaExceeded, _pipeline.Origin.AttributeOnly,
                "Pipeline '" + _pipeline.Name + "' has " + PipelineCompiler.Int(_steps.Count) + " steps; SageMaker allows at most " + PipelineCompiler.Int(Quotas.MaxSteps));
        }

        var order = OrderSteps();
        if (HasErrors || order is null || stepNames is null)
        {
            return new List<OutputFile>();
        }

        var definition = new JsonObject()
            .Add("Version", PipelineCompiler.DefinitionVersion)
            .Add("Metadata", new JsonObject())
            .Add("Parameters", parameters)
            .Add("PipelineExperimentConfig", experimentConfig)
            .Add("Steps", new JsonArray(order.Where(t => !_branchOwner.ContainsKey(t)).Select(t => (JsonValue)stepJson[t])));
        var definitionText = definition.ToJson() + "\n";
        var size = Encoding.UTF8.GetByteCount(definitionText);
        if (size > Quotas.MaxDefinitionBytes)
        {
            Report(RuleIds.QuotaExceeded, _pipeline.Origin.AttributeOnly,
                "The definition of pipeline '" + _pipeline.Name + "' is " + PipelineCompiler.Int(size) + " bytes; SageMaker accepts at most " + PipelineCompiler.Int(Quotas.MaxDefinitionBytes));
            return new List<OutputFile>();
        }

        var files = new List<OutputFile>
        {
            new(_pipeline.Name + "/pipeline.json", definitionText),
            new(_pipeline.Name + "/create-pipeline.json", BuildCreatePipelineRequest().ToJson() + "\n"),
        };
        files.AddRange(IamFiles(iam));
        return files;
    }

    // ---- pipeline level -------------------------------------------------------------------------

    private void CheckSettings()
    {
        var at = _pipeline.Origin.AttributeOnly;
        if (NameRules.Check(NameRules.Pipeline, _pipeline.Name) is { } nameProblem)
        {
            Report(RuleIds.InvalidName, _pipeline.NameOrigin, Capitalize(nameProblem));
        }

        var account = _settings.AccountId;
        var region = _settings.Region;
        if (string.IsNullOrEmpty(account))
        {
            Report(RuleIds.RequiredSettingMissing, at, "The AWS account is not set: add <SagewrightAccountId>123456789012</SagewrightAccountId> to the project file");
        }
        else if (!AwsSettings.IsAccountId(account))
        {
            Report(RuleIds.RequiredSettingMissing, at, "SagewrightAccountId '" + account + "' is not a 12-digit AWS account ID");
        }

        if (string.IsNullOrEmpty(region))
        {
            Report(RuleIds.RequiredSettingMissing, at, "The AWS region is not set: add <SagewrightRegion>us-east-1</SagewrightRegion> to the project file");
        }
        else if (!AwsSettings.IsRegion(region))
        {
            Report(RuleIds.RequiredSettingMissing, at, "SagewrightRegion '" + region + "' is not an AWS region name such as us-east-1");
        }

        if (!AwsSettings.IsPartition(_settings.Partition))
        {
            Report(RuleIds.RequiredSettingMissing, at, "SagewrightPartition '" + _settings.Partition + "' is not one of aws, aws-cn, aws-us-gov");
        }

        var explicitBucket = _pipeline.ArtifactBucket ?? _settings.ArtifactBucket;
        _bucket = explicitBucket ?? "sagemaker-" + region + "-" + account;
        if (explicitBucket is not null && S3Uris.CheckBucket(explicitBucket) is { } bucketProblem)
        {
            Report(RuleIds.MalformedS3Uri, _pipeline.ArtifactBucket is null ? at : _pipeline.Origin.WithNamed("ArtifactBucket"), explicitBucket, bucketProblem);
        }

        _pipelineRoleArn = _pipeline.RoleArn ?? DefaultRoleArn("pipeline");
        _jobRoleArn = _pipeline.JobRoleArn ?? DefaultRoleArn("job");
        if (_pipeline.RoleArn is not null && !AwsSettings.IsRoleArn(_pipeline.RoleArn))
        {
            Report(RuleIds.InvalidName, _pipeline.Origin.WithNamed("RoleArn"), "'" + _pipeline.RoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        if (_pipeline.JobRoleArn is not null && !AwsSettings.IsRoleArn(_pipeline.JobRoleArn))
        {
            Report(RuleIds.InvalidName, _pipeline.Origin.WithNamed("JobRoleArn"), "'" + _pipeline.JobRoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        if (_pipeline.Tags.Count > Quotas.MaxTags)
        {
            Report(RuleIds.QuotaExceeded, at, "Pipeline '" + _pipeline.Name + "' has " + PipelineCompiler.Int(_pipeline.Tags.Count) + " tags; at most " + PipelineCompiler.Int(Quotas.MaxTags) + " are allowed");
        }

        _pipelineTags = BuildTags(_pipeline.Tags);
    }

    /// <summary>Checks tag keys and values (botocore <c>TagKey</c>/<c>TagValue</c>, unique keys) and builds the
    /// <c>[{"Key", "Value"}]</c> list that CreatePipeline and CreateModelPackage take.</summary>
    private JsonArray BuildTags(EquatableArray<TagDecl> tags)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var tag in tags)
        {
            if (NameRules.Check(NameRules.TagKey, tag.Key) is { } keyProblem)
            {
                Report(RuleIds.InvalidName, tag.Origin.WithArgument(0), Capitalize(keyProblem));
            }
            else if (!keys.Add(tag.Key))
            {
                Report(RuleIds.InvalidName, tag.Origin.WithArgument(0), "Tag key '" + tag.Key + "' is used twice");
            }

            if (NameRules.Check(NameRules.TagValue, tag.Value) is { } valueProblem)
            {
                Report(RuleIds.InvalidName, tag.Origin.WithArgument(1), Capitalize(valueProblem));
            }

            result.Add(new JsonObject().Add("Key", tag.Key).Add("Value", tag.Value));
        }

        return result;
    }

    private string DefaultRoleArn(string suffix) => IamNames.RoleArn(_settings.Partition, _settings.AccountId ?? string.Empty, IamNames.DefaultRoleName(_pipeline.Name, suffix));

    private JsonArray BuildParameters()
    {
        var result = new JsonArray();
        var names = new Dictionary<string, ParameterDecl>(StringComparer.Ordinal);
        if (_pipeline.Parameters.Count > Quotas.MaxParameters)
        {
            Report(RuleIds.QuotaExceeded, _pipeline.Origin.AttributeOnly,
                "Pipeline '" + _pipeline.Name + "' has " + PipelineCompiler.Int(_pipeline.Parameters.Count) + " parameters; SageMaker allows at most " + PipelineCompiler.Int(Quotas.MaxParameters));
        }

        foreach (var parameter in _pipeline.Parameters)
        {
            _parametersByMember[parameter.Member] = parameter;
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

    /// <summary>Checks names and duplicates; returns null when a duplicate makes references ambiguous.</summary>
    private Dictionary<string, StepDecl>? CheckStepNames()
    {
        var byName = new Dictionary<string, StepDecl>(StringComparer.Ordinal);
        var ok = true;
        foreach (var step in _steps)
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

    private JsonObject BuildCreatePipelineRequest()
    {
        var request = new JsonObject().Add("PipelineName", _pipeline.Name);
        request.AddIf("PipelineDisplayName", _pipeline.DisplayName is null ? null : (JsonValue)_pipeline.DisplayName);
        request.AddIf("PipelineDescription", _pipeline.Description is null ? null : (JsonValue)_pipeline.Description);
        request.Add("RoleArn", _pipelineRoleArn);
        if (!_pipeline.Tags.IsEmpty)
        {
            request.Add("Tags", _pipelineTags);
        }

        return request;
    }

    // ---- steps ----------------------------------------------------------------------------------

    private JsonObject BuildStep(StepDecl step)
    {
        var arguments = step.Body switch
        {
            ConditionBody condition => BuildCondition(step, condition),
            FailBody fail => BuildFail(step, fail),
            TuningBody tuning => BuildTuning(step, tuning),
            ExternalStepBody external => BuildExternalArguments(step, external),
            RegisterModelBody register => BuildRegisterModel(step, register),
            ModelBody model => BuildModel(step, model),
            TransformBody transform => BuildTransform(step, transform),
            _ => step.Kind == StepKind.Processing ? BuildProcessing(step) : BuildTraining(step),
        };
        if (step.Body is ConditionBody or FailBody or ExternalStepBody)
        {
            ReportJobSettings(step);
        }

        AddSecurity(step, arguments);

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
        AddStepSettings(step, json);
        if (step.Body is ExternalStepBody externalBody)
        {
            AddExternalFields(step, externalBody, json);
        }

        return json;
    }

    // ---- references -----------------------------------------------------------------------------

    /// <summary>Turns a value into its JSON form and checks it. <paramref name="expected"/> null means
    /// any parameter type is accepted.</summary>
    private JsonValue ResolveValue(StepDecl? step, ValueSource value, ParameterType? expected, string what, bool s3)
    {
        switch (value.Kind)
        {
            case ValueKind.Literal:
                if (s3 && S3Uris.Check(value.Text) is { } problem)
                {
                    Report(RuleIds.MalformedS3Uri, value.Origin, value.Text, problem);
                }

                if (expected is { } literalExpected && value.LiteralType != literalExpected)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " must be " + Article(literalExpected) + ", not " + Article(value.LiteralType) + " constant");
                }

                return LiteralJson(value);

            case ValueKind.Parameter:
                if (!string.Equals(value.TargetType, _pipeline.TypeName, StringComparison.Ordinal))
                {
                    Report(RuleIds.UnresolvedReference, value.Origin,
                        "'" + value.TargetMember + "' is a parameter of '" + PipelineCompiler.ShortName(value.TargetType ?? string.Empty) + "', not of pipeline '" + _pipeline.Name + "'" + (step is null ? string.Empty : " that step '" + step.Name + "' belongs to"));
                    return string.Empty;
                }

                if (!_parametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter))
                {
                    Report(RuleIds.UnresolvedReference, value.Origin, "'" + value.TargetMember + "' is not a parameter of pipeline '" + _pipeline.Name + "'");
                    return string.Empty;
                }

                if (expected is { } type && parameter.Type != type)
                {
                    Report(RuleIds.TypeMismatch, value.Origin,
                        "Parameter '" + parameter.Name + "' is " + Article(parameter.Type) + " parameter, but " + what + " must be " + Article(type));
                }
                else if (s3 && S3Uris.Check(parameter.DefaultValue) is { } defaultProblem)
                {
                    Report(RuleIds.MalformedS3Uri, value.Origin, parameter.DefaultValue, "it is the default of parameter '" + parameter.Name + "', used as " + what + ", and " + defaultProblem);
                }
                else if (s3 && parameter.Type == ParameterType.String
                    && parameter.EnumValues.FirstOrDefault(v => S3Uris.Check(v) is not null) is { } badValue)
                {
                    // An execution may pass any allowed value, and the IAM policies grant each of them.
                    Report(RuleIds.MalformedS3Uri, value.Origin, badValue, "it is one of the EnumValues of parameter '" + parameter.Name + "', used as " + what + ", and " + S3Uris.Check(badValue));
                }

                return Get("Parameters." + parameter.Name);

            case ValueKind.StepOutput:
            {
                var producer = ResolveStep(value.TargetType ?? string.Empty, value.Origin, "nameof(...)");
                if (producer is null)
                {
                    return string.Empty;
                }

                var output = producer.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal));
                if (output is null)
                {
                    Report(RuleIds.UnresolvedReference, value.Origin, "'" + value.TargetMember + "' is not an [Output] of step '" + producer.Name + "'");
                    return string.Empty;
                }

                if (step is not null)
                {
                    AddEdge(step, producer, value.Origin);
                }

                return Get("Steps." + producer.Name + ".ProcessingOutputConfig.Outputs['" + output.Name + "'].S3Output.S3Uri");
            }

            case ValueKind.ModelArtifacts:
            {
                var producer = ResolveStep(value.TargetType ?? string.Empty, value.Origin, "typeof(...)");
                if (producer is null)
                {
                    return string.Empty;
                }

                if (producer.Kind is not (StepKind.Training or StepKind.Tuning))
                {
                    Report(RuleIds.TypeMismatch, value.Origin, "Step '" + producer.Name + "' is a " + producer.Kind.ToString().ToLowerInvariant() + " step and has no model artifacts; only training and tuning steps do");
                    return string.Empty;
                }

                if (step is not null)
                {
                    AddEdge(step, producer, value.Origin);
                }

                return producer.Kind == StepKind.Tuning
                    ? TopModelUri(producer, value.Origin)
                    : Get("Steps." + producer.Name + ".ModelArtifacts.S3ModelArtifacts");
            }

            case ValueKind.Execution:
                if (expected is { } executionExpected && executionExpected != ParameterType.String)
                {
                    Report(RuleIds.TypeMismatch, value.Origin, "Execution." + value.TargetMember + " is a String, but " + what + " must be " + Article(executionExpected));
                }

                return Get("Execution." + value.TargetMember);

            case ValueKind.Expression:
                return ResolveExpression(step, value, expected, what);

            case ValueKind.OutputParameter:
                return ResolveOutputParameter(step, value, expected, what);

            case ValueKind.Interpolated:
                return ResolveInterpolated(step, value, expected, what, s3);

            default:
                return string.Empty;
        }
    }

    /// <summary>An interpolated string: its parts joined with no separator. When it starts with text, the text with
    /// every hole replaced by a short name is checked as an S3 URI (the holes' run-time values cannot be).</summary>
    private JsonValue ResolveInterpolated(StepDecl? step, ValueSource value, ParameterType? expected, string what, bool s3)
    {
        if (expected is { } type && type != ParameterType.String)
        {
            Report(RuleIds.TypeMismatch, value.Origin, "An interpolated string is a String, but " + what + " must be " + Article(type));
        }

        if (step is null)
        {
            Report(RuleIds.TypeMismatch, value.Origin, Capitalize(what) + " cannot be an interpolated string; write text, a String parameter or an execution variable");
            return string.Empty;
        }

        if (s3 && value.Parts.Count > 0 && value.Parts[0].IsLiteral)
        {
            var skeleton = string.Concat(value.Parts.Select(p => p.IsLiteral ? p.Text : "x0x"));
            if (S3Uris.Check(skeleton) is { } problem)
            {
                Report(RuleIds.MalformedS3Uri, value.Origin, value.Text, problem);
            }
        }

        var values = value.Parts.Select(p => p.IsLiteral ? p.Text : ResolveValue(step, p, null, "a value in an interpolated string", s3: false)).ToArray();
        return Join(string.Empty, values);
    }

    private StepDecl? ResolveStep(string typeName, Origin origin, string how)
    {
        if (_stepsByType.TryGetValue(typeName, out var step))
        {
            return step;
        }

        Report(RuleIds.UnresolvedReference, origin, _otherSteps.Contains(typeName)
            ? "Step '" + PipelineCompiler.ShortName(typeName) + "' belongs to another pipeline, not to '" + _pipeline.Name + "'"
            : "'" + PipelineCompiler.ShortName(typeName) + "' in " + how + " is not a step class of pipeline '" + _pipeline.Name + "'");
        return null;
    }

    private void AddEdge(StepDecl consumer, StepDecl producer, Origin origin)
    {
        var list = _edges[consumer.TypeName];
        if (!list.Any(e => e.From == producer.TypeName))
        {
            list.Add((producer.TypeName, origin));
        }
    }

    /// <summary>Topological order, ties broken by step name (ordinal) so that file order never matters.
    /// Reports every cycle (SGW003) and returns null when there is one.</summary>
    private List<string>? OrderSteps()
    {
        var remaining = _steps.ToDictionary(s => s.TypeName, s => _edges[s.TypeName].Select(e => e.From).Distinct().Count(), StringComparer.Ordinal);
        var dependents = _steps.ToDictionary(s => s.TypeName, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var step in _steps)
        {
            foreach (var producer in _edges[step.TypeName].Select(e => e.From).Distinct())
            {
                dependents[producer].Add(step.TypeName);
            }
        }

        var ready = new SortedSet<(string Name, string Type)>(
            _steps.Where(s => remaining[s.TypeName] == 0).Select(s => (s.Name, s.TypeName)),
            Comparer<(string Name, string Type)>.Create((a, b) =>
            {
                var c = string.CompareOrdinal(a.Name, b.Name);
                return c != 0 ? c : string.CompareOrdinal(a.Type, b.Type);
            }));
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next.Type);
            foreach (var dependent in dependents[next.Type])
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Add((_stepsByType[dependent].Name, dependent));
                }
            }
        }

        if (order.Count == _steps.Count)
        {
            return order;
        }

        ReportCycles(new HashSet<string>(_steps.Select(s => s.TypeName).Except(order), StringComparer.Ordinal));
        return null;
    }

    private void ReportCycles(HashSet<string> stuck)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in stuck.OrderBy(t => _stepsByType[t].Name, StringComparer.Ordinal))
        {
            if (reported.Contains(start))
            {
                continue;
            }

            // Walk producer edges from the start until a node repeats: that closes a cycle.
            var path = new List<(string Type, Origin Origin)>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var current = start;
            while (!seen.ContainsKey(current))
            {
                seen[current] = path.Count;
                var edge = _edges[current].Where(e => stuck.Contains(e.From)).OrderBy(e => _stepsByType[e.From].Name, StringComparer.Ordinal).First();
                path.Add((current, edge.Origin));
                current = edge.From;
            }

            var cycle = path.Skip(seen[current]).ToList();
            if (cycle.Any(c => reported.Contains(c.Type)))
            {
                continue;
            }

            foreach (var node in cycle)
            {
                reported.Add(node.Type);
            }

            // Names in data-flow order (producer → consumer), starting and ending with the step the
            // diagnostic is reported on: cycle[i] consumes cycle[i + 1], so read the rest backwards.
            var names = new List<string> { _stepsByType[cycle[0].Type].Name };
            names.AddRange(cycle.Skip(1).Reverse().Select(c => _stepsByType[c.Type].Name));
            names.Add(names[0]);
            Report(RuleIds.DependencyCycle, cycle[0].Origin, string.Join(" → ", names));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void ReportUnsupported(StepDecl step, Origin? origin, string attribute, string where)
    {
        if (origin is not null)
        {
            Report(RuleIds.TypeMismatch, origin.AttributeOnly, attribute + " does not apply to " + step.Kind.ToString().ToLowerInvariant() + " step '" + step.Name + "'; it is for " + where);
        }
    }

    private void CheckContainerPath(string path, Origin origin, string what)
    {
        if (!path.StartsWith(ProcessingPrefix, StringComparison.Ordinal) || path.Length > 256)
        {
            Report(RuleIds.OutOfRange, origin, "The " + what + " path '" + path + "' must be an absolute path under " + ProcessingPrefix + " of at most 256 characters");
        }
    }

    /// <summary>SGW010 when a step has more of something than the API accepts.</summary>
    private void CheckCount(StepDecl step, int count, int max, Origin origin, string what, string? note = null)
    {
        if (count > max)
        {
            Report(RuleIds.QuotaExceeded, origin,
                "Step '" + step.Name + "' has " + PipelineCompiler.Int(count) + " " + what + (note ?? string.Empty) + "; at most " + PipelineCompiler.Int(max) + " are allowed");
        }
    }

    private void CheckRange(int value, int min, int max, Origin origin, string what)
    {
        if (value < min || value > max)
        {
            Report(RuleIds.OutOfRange, origin, what + " is " + PipelineCompiler.Int(value) + "; it must be "
                + (max == int.MaxValue ? "at least " + PipelineCompiler.Int(min) : "between " + PipelineCompiler.Int(min) + " and " + PipelineCompiler.Int(max)));
        }
    }

    private void Report(string id, Origin origin, params string[] arguments) => Report(new Finding(id, origin, arguments));

    private void Report(Finding finding)
    {
        if (!_binderOrigins.Contains(finding.Origin))
        {
            Findings.Add(finding);
        }
    }

    private static JsonObject Get(string path) => new JsonObject().Add("Get", path);

    private static JsonObject Join(string on, params JsonValue[] values) =>
        new JsonObject().Add("Std:Join", new JsonObject().Add("On", on).Add("Values", new JsonArray(values)));

    private static string JsonString(string value) => new JsonString(value).ToJson();

    private static string Article(ParameterType type) => type == ParameterType.Integer ? "an Integer" : "a " + type;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    internal static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        return normalized;
    }

    private static string FileName(string path)
    {
        var normalized = NormalizePath(path);
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? normalized : normalized.Substring(slash + 1);
    }
}
