using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagewright.Tests.Conformance;

/// <summary>The API request a step type's <c>Arguments</c> mirror.</summary>
/// <param name="Operation">The SageMaker operation, e.g. <c>CreateTrainingJob</c>.</param>
/// <param name="OmittedMembers">Required request members a pipeline leaves out because the service fills them in
/// (the job or model name).</param>
public sealed record StepApi(string Operation, params string[] OmittedMembers);

/// <summary>A step type checked structurally (no API request behind its <c>Arguments</c>).</summary>
/// <param name="Required">Step members it must have besides Name, Type and Arguments.</param>
/// <param name="Optional">Step members it may have besides the common ones.</param>
/// <param name="Check">Checks its members (Arguments included); problems are added as <c>&lt;path&gt;: &lt;rule&gt;</c>.</param>
public sealed record StructuralStep(string[] Required, string[] Optional, Action<Dictionary<string, JsonNode?>, string, List<string>> Check);

/// <summary>Checks a pipeline definition (pipeline.json) against the API shapes it is made of (DESIGN.md,
/// "Validation layers", layer 2): every step's <c>Arguments</c> against the botocore input shape of the
/// operation the step type stands for, and the top level (version, parameters, step names, references) against
/// the definition format the SageMaker Python SDK emits.</summary>
public static class PipelineConformance
{
    /// <summary>The only definition format version there is.</summary>
    public const string DefinitionVersion = "2020-12-01";

    /// <summary>Step type → the request its <c>Arguments</c> mirror.
    /// <para>Extension point: a step type missing here and in <see cref="StructuralSteps"/> is reported as unknown.
    /// Condition, Fail, EMR, QualityCheck/ClarifyCheck and AutoML steps have arguments of their own (not an API
    /// request) and need a checker of their own before they are added.</para></summary>
    public static IReadOnlyDictionary<string, StepApi> StepApis { get; } = new Dictionary<string, StepApi>(StringComparer.Ordinal)
    {
        ["Processing"] = new("CreateProcessingJob", "ProcessingJobName"),
        ["Training"] = new("CreateTrainingJob", "TrainingJobName"),
        ["Transform"] = new("CreateTransformJob", "TransformJobName"),
        ["Model"] = new("CreateModel", "ModelName"),
        ["Tuning"] = new("CreateHyperParameterTuningJob", "HyperParameterTuningJobName"),
        ["RegisterModel"] = new("CreateModelPackage"),
    };

    /// <summary>Step types that mirror no API request; their Arguments are checked for the shape the pipeline
    /// service documents (and the SDK emits).</summary>
    private static readonly Dictionary<string, Action<JsonNode?, string, BotocoreModel, List<string>>> FlowSteps = new(StringComparer.Ordinal)
    {
        ["Condition"] = CheckConditionArguments,
        ["Fail"] = (arguments, path, _, problems) =>
        {
            foreach (var (key, value) in Members(arguments, path, "fail arguments", [], ["ErrorMessage"], problems))
            {
                CheckStringOrExpression(value, path + "." + key, problems);
            }
        },
    };

    private static readonly string[] BinaryConditions = ["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo"];

    private static void CheckConditionArguments(JsonNode? arguments, string path, BotocoreModel model, List<string> problems)
    {
        var members = Members(arguments, path, "condition arguments", ["Conditions"], ["IfSteps", "ElseSteps"], problems);
        if (members.TryGetValue("Conditions", out var conditions))
        {
            CheckEach(conditions, path + ".Conditions", "conditions", problems, (condition, conditionPath) => CheckCondition(condition, conditionPath, problems));
        }

        foreach (var branch in new[] { "IfSteps", "ElseSteps" })
        {
            if (members.TryGetValue(branch, out var steps))
            {
                CheckEach(steps, path + "." + branch, "steps", problems, (step, stepPath) => problems.AddRange(CheckStep(step, stepPath, model)));
            }
        }
    }

    private static void CheckCondition(JsonNode? condition, string path, List<string> problems)
    {
        var type = condition is JsonObject obj && BotocoreModel.Kind(obj["Type"]) == JsonValueKind.String ? obj["Type"]!.GetValue<string>() : null;
        switch (type)
        {
            case var binary when binary is not null && BinaryConditions.Contains(binary):
                foreach (var (key, value) in Members(condition, path, "condition", ["Type", "LeftValue", "RightValue"], [], problems))
                {
                    if (key != "Type")
                    {
                        CheckScalarOrExpression(value, path + "." + key, problems);
                    }
                }

                break;
            case "In":
                foreach (var (key, value) in Members(condition, path, "condition", ["Type", "QueryValue", "Values"], [], problems))
                {
                    if (key == "QueryValue")
                    {
                        CheckScalarOrExpression(value, path + "." + key, problems);
                    }
                    else if (key == "Values")
                    {
                        CheckEach(value, path + ".Values", "values", problems, (item, itemPath) => CheckScalarOrExpression(item, itemPath, problems));
                    }
                }

                break;
            case "Not":
                if (Members(condition, path, "condition", ["Type", "Condition"], [], problems).TryGetValue("Condition", out var inner))
                {
                    CheckCondition(inner, path + ".Condition", problems);
                }

                break;
            case "Or":
                if (Members(condition, path, "condition", ["Type", "Conditions"], [], problems).TryGetValue("Conditions", out var children))
                {
                    CheckEach(children, path + ".Conditions", "conditions", problems, (child, childPath) => CheckCondition(child, childPath, problems));
                }

                break;
            default:
                problems.Add($"{path}.Type: expected one of {string.Join(", ", BinaryConditions)}, In, Not, Or; found {BotocoreModel.Found(condition?["Type"])}");
                break;
        }
    }

    private static void CheckScalarOrExpression(JsonNode? node, string path, List<string> problems)
    {
        if (PipelineExpressions.Classify(node) != ExpressionKind.None)
        {
            PipelineExpressions.Check(node!, path, problems);
        }
        else if (BotocoreModel.Kind(node) is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add($"{path}: expected a string, number, boolean or expression, found {BotocoreModel.Found(node)}");
        }
    }

    /// <summary>Every step of a definition, branch steps included, with its JSON path.</summary>
    private static IEnumerable<(string Path, JsonNode? Step)> AllSteps(JsonArray steps, string path)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var stepPath = path + "[" + Int(i) + "]";
            yield return (stepPath, steps[i]);
            if (steps[i] is JsonObject { } step && step["Type"]?.GetValue<string>() == "Condition" && step["Arguments"] is JsonObject arguments)
            {
                foreach (var branch in new[] { "IfSteps", "ElseSteps" })
                {
                    if (arguments[branch] is JsonArray nested)
                    {
                        foreach (var inner in AllSteps(nested, stepPath + ".Arguments." + branch))
                        {
                            yield return inner;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Step types whose <c>Arguments</c> are not an API request (there is no botocore shape for them), checked
    /// structurally: the extra step members they have, and a checker for those members and the arguments.</summary>
    public static IReadOnlyDictionary<string, StructuralStep> StructuralSteps { get; } = new Dictionary<string, StructuralStep>(StringComparer.Ordinal)
    {
        // SDK workflow/lambda_step.py: the inputs as Arguments, FunctionArn, OutputParameters; TimeoutSeconds optional.
        ["Lambda"] = new(["FunctionArn"], ["OutputParameters", "TimeoutSeconds"], CheckLambda),

        // SDK workflow/callback_step.py: the inputs as Arguments, SqsQueueUrl, OutputParameters.
        ["Callback"] = new(["SqsQueueUrl"], ["OutputParameters"], CheckCallback),
    };

    /// <summary>The output types of Lambda and callback steps (SDK <c>LambdaOutputTypeEnum</c>, <c>CallbackOutputTypeEnum</c>).</summary>
    public static IReadOnlyList<string> OutputTypes { get; } = ["String", "Integer", "Boolean", "Float"];

    // Lambda API reference (FunctionName, ARN form) and the SQS developer guide (queue URL form). Written here
    // independently of the product's own patterns so that the two can disagree.
    private static readonly System.Text.RegularExpressions.Regex FunctionArnForm = new(
        @"\Aarn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]{1,128}))?\z",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex QueueUrlForm = new(
        @"\Ahttps://(sqs\.[a-z]{2}(-[a-z]+)+-\d|[a-z]{2}(-[a-z]+)+-\d\.queue|queue)\.amazonaws\.com(\.cn)?/\d{12}/([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)\z",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Parameter types of the definition format, and the JSON kinds their values take.</summary>
    private static readonly Dictionary<string, Func<JsonNode?, bool>> ParameterTypes = new(StringComparer.Ordinal)
    {
        ["String"] = v => BotocoreModel.Kind(v) == JsonValueKind.String,
        ["Integer"] = v => BotocoreModel.Kind(v) == JsonValueKind.Number && long.TryParse(v!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ["Float"] = v => BotocoreModel.Kind(v) == JsonValueKind.Number,
        ["Boolean"] = v => BotocoreModel.Kind(v) is JsonValueKind.True or JsonValueKind.False,
    };

    /// <summary>Checks a whole definition. Returns one line per problem (<c>&lt;JSON path&gt;: &lt;rule&gt;</c>).</summary>
    public static IReadOnlyList<string> Check(string pipelineJson, BotocoreModel? model = null)
    {
        model ??= BotocoreModel.SageMaker;
        var problems = new List<string>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(pipelineJson);
        }
        catch (JsonException e)
        {
            return [$"$: not valid JSON: {e.Message}"];
        }

        if (root is not JsonObject definition)
        {
            return [$"$: a definition is a JSON object, found {BotocoreModel.Found(root)}"];
        }

        var members = Members(definition, "$", "definition", ["Version", "Steps"], ["Metadata", "Parameters", "PipelineExperimentConfig"], problems);
        if (members.TryGetValue("Version", out var version) && (BotocoreModel.Kind(version) != JsonValueKind.String || version!.GetValue<string>() != DefinitionVersion))
        {
            problems.Add($"$.Version: expected '{DefinitionVersion}', found {BotocoreModel.Found(version)}");
        }

        if (members.TryGetValue("Metadata", out var metadata) && metadata is not JsonObject)
        {
            problems.Add($"$.Metadata: expected an object, found {BotocoreModel.Found(metadata)}");
        }

        var parameters = members.TryGetValue("Parameters", out var parameterList)
            ? CheckParameters(parameterList, model, problems)
            : new HashSet<string>(StringComparer.Ordinal);
        if (members.TryGetValue("PipelineExperimentConfig", out var experiment) && experiment is not null)
        {
            var config = Members(experiment, "$.PipelineExperimentConfig", "PipelineExperimentConfig", [], ["ExperimentName", "TrialName"], problems);
            foreach (var (name, value) in config)
            {
                CheckStringOrExpression(value, "$.PipelineExperimentConfig." + name, problems);
            }
        }

        if (!members.TryGetValue("Steps", out var stepsNode))
        {
            return problems;
        }

        if (stepsNode is not JsonArray steps)
        {
            problems.Add($"$.Steps: expected an array, found {BotocoreModel.Found(stepsNode)}");
            return problems;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            problems.AddRange(CheckStep(steps[i], "$.Steps[" + Int(i) + "]", model));
        }

        // Names are unique across the whole definition, condition branches included.
        var stepNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, step) in AllSteps(steps, "$.Steps"))
        {
            if (NameOf(step) is { } name && !stepNames.Add(name))
            {
                problems.Add($"{path}.Name: step name '{name}' is used by an earlier step");
            }
        }

        CheckReferences(definition, steps, parameters, stepNames, problems);
        return problems;
    }

    /// <summary>Checks one step: its keys, name, display name, description, dependencies, cache and retry
    /// settings, property files, and its <c>Arguments</c> against the operation of its <c>Type</c>
    /// (<see cref="StepApis"/>). Paths start at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> CheckStep(JsonNode? step, string path = "$", BotocoreModel? model = null)
    {
        model ??= BotocoreModel.SageMaker;
        var problems = new List<string>();
        var structural = step is JsonObject candidate && BotocoreModel.Kind(candidate["Type"]) == JsonValueKind.String
            && StructuralSteps.TryGetValue(candidate["Type"]!.GetValue<string>(), out var found) ? found : null;
        var members = Members(step, path, "step", ["Name", "Type", "Arguments", .. structural?.Required ?? []],
            ["DependsOn", "DisplayName", "Description", "RetryPolicies", "CacheConfig", "PropertyFiles", .. structural?.Optional ?? []], problems);
        if (members.TryGetValue("Name", out var name))
        {
            problems.AddRange(model.ValidateShape("StepName", name, path + ".Name"));
        }

        if (members.TryGetValue("DisplayName", out var displayName))
        {
            problems.AddRange(model.ValidateShape("StepDisplayName", displayName, path + ".DisplayName"));
        }

        if (members.TryGetValue("Description", out var description))
        {
            problems.AddRange(model.ValidateShape("StepDescription", description, path + ".Description"));
        }

        if (members.TryGetValue("DependsOn", out var dependsOn))
        {
            if (dependsOn is JsonArray dependencies)
            {
                for (var i = 0; i < dependencies.Count; i++)
                {
                    problems.AddRange(model.ValidateShape("StepName", dependencies[i], path + ".DependsOn[" + Int(i) + "]"));
                }
            }
            else
            {
                problems.Add($"{path}.DependsOn: expected an array of step names, found {BotocoreModel.Found(dependsOn)}");
            }
        }

        if (members.TryGetValue("CacheConfig", out var cache))
        {
            CheckCacheConfig(cache, path + ".CacheConfig", problems);
        }

        if (members.TryGetValue("PropertyFiles", out var propertyFiles))
        {
            CheckEach(propertyFiles, path + ".PropertyFiles", "property files", problems, (file, filePath) =>
            {
                foreach (var (key, value) in Members(file, filePath, "property file", ["PropertyFileName", "OutputName", "FilePath"], [], problems))
                {
                    ExpectKind(value, JsonValueKind.String, "a string", filePath + "." + key, problems);
                }
            });
        }

        if (members.TryGetValue("RetryPolicies", out var retryPolicies))
        {
            CheckEach(retryPolicies, path + ".RetryPolicies", "retry policies", problems, (policy, policyPath) => CheckRetryPolicy(policy, policyPath, problems));
        }

        if (!members.TryGetValue("Type", out var typeNode))
        {
            return problems;
        }

        if (BotocoreModel.Kind(typeNode) != JsonValueKind.String)
        {
            problems.Add($"{path}.Type: expected a string, found {BotocoreModel.Found(typeNode)}");
            return problems;
        }

        var type = typeNode!.GetValue<string>();
        if (structural is not null)
        {
            structural.Check(members, path, problems);
            return problems;
        }

        if (FlowSteps.TryGetValue(type, out var checkArguments))
        {
            if (members.TryGetValue("Arguments", out var flowArguments))
            {
                checkArguments(flowArguments, path + ".Arguments", model, problems);
            }

            return problems;
        }

        if (!StepApis.TryGetValue(type, out var api))
        {
            problems.Add($"{path}.Type: unknown step type '{type}' (no API mapping in PipelineConformance.StepApis; known: {string.Join(", ", StepApis.Keys.Concat(StructuralSteps.Keys).Concat(FlowSteps.Keys))})");
            return problems;
        }

        if (members.TryGetValue("Arguments", out var arguments))
        {
            problems.AddRange(model.ValidateAt(api.Operation, arguments, path + ".Arguments", api.OmittedMembers));
        }

        return problems;
    }

    // ---- top level ------------------------------------------------------------------------------

    /// <summary>Checks the parameter declarations; returns the declared names.</summary>
    private static HashSet<string> CheckParameters(JsonNode? node, BotocoreModel model, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        CheckEach(node, "$.Parameters", "parameter declarations", problems, (parameter, path) =>
        {
            var members = Members(parameter, path, "parameter", ["Name", "Type"], ["DefaultValue", "EnumValues"], problems);
            if (members.TryGetValue("Name", out var name))
            {
                problems.AddRange(model.ValidateShape("PipelineParameterName", name, path + ".Name"));
                if (BotocoreModel.Kind(name) == JsonValueKind.String && !names.Add(name!.GetValue<string>()))
                {
                    problems.Add($"{path}.Name: parameter name '{name!.GetValue<string>()}' is declared twice");
                }
            }

            if (!members.TryGetValue("Type", out var typeNode))
            {
                return;
            }

            var type = BotocoreModel.Kind(typeNode) == JsonValueKind.String ? typeNode!.GetValue<string>() : null;
            if (type is null || !ParameterTypes.TryGetValue(type, out var isValue))
            {
                problems.Add($"{path}.Type: expected one of {string.Join(", ", ParameterTypes.Keys)}, found {BotocoreModel.Found(typeNode)}");
                return;
            }

            if (members.TryGetValue("DefaultValue", out var defaultValue) && !isValue(defaultValue))
            {
                problems.Add($"{path}.DefaultValue: {BotocoreModel.Found(defaultValue)} is not a value of type {type}");
            }

            if (members.TryGetValue("EnumValues", out var enumValues))
            {
                if (enumValues is not JsonArray { Count: > 0 } values)
                {
                    problems.Add($"{path}.EnumValues: expected a non-empty array, found {BotocoreModel.Found(enumValues)}");
                }
                else
                {
                    for (var i = 0; i < values.Count; i++)
                    {
                        if (!isValue(values[i]))
                        {
                            problems.Add($"{path}.EnumValues[{Int(i)}]: {BotocoreModel.Found(values[i])} is not a value of type {type}");
                        }
                    }

                    if (defaultValue is not null && !values.Any(v => JsonNode.DeepEquals(v, defaultValue)))
                    {
                        problems.Add($"{path}.DefaultValue: {BotocoreModel.Found(defaultValue)} is not one of the EnumValues");
                    }
                }
            }
        });
        return names;
    }

    /// <summary><c>Get</c> references must name a declared parameter or a step of this pipeline, and
    /// <c>DependsOn</c> must name another step.</summary>
    private static void CheckReferences(JsonObject definition, JsonArray steps, HashSet<string> parameters, HashSet<string> stepNames, List<string> problems)
    {
        foreach (var (path, reference) in PipelineExpressions.References(definition, "$"))
        {
            var parts = reference.Split('.', 3);
            if (parts.Length < 2)
            {
                continue;
            }

            if (parts[0] == "Parameters" && !parameters.Contains(parts[1]))
            {
                problems.Add($"{path}: '{reference}' names no declared parameter");
            }
            else if (parts[0] == "Steps" && !stepNames.Contains(parts[1]))
            {
                problems.Add($"{path}: '{reference}' names no step of this pipeline");
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not JsonObject step || step["DependsOn"] is not JsonArray dependencies)
            {
                continue;
            }

            var own = NameOf(step);
            for (var j = 0; j < dependencies.Count; j++)
            {
                if (BotocoreModel.Kind(dependencies[j]) != JsonValueKind.String)
                {
                    continue;
                }

                var target = dependencies[j]!.GetValue<string>();
                if (!stepNames.Contains(target) || target == own)
                {
                    problems.Add($"$.Steps[{Int(i)}].DependsOn[{Int(j)}]: '{target}' {(target == own ? "is the step itself" : "names no step of this pipeline")}");
                }
            }
        }
    }

    // ---- step parts that are not API requests ---------------------------------------------------

    /// <summary><c>CacheConfig</c> (SDK <c>workflow/steps.py: CacheConfig</c>): Enabled, and an ISO 8601 duration.</summary>
    private static void CheckCacheConfig(JsonNode? node, string path, List<string> problems)
    {
        var members = Members(node, path, "CacheConfig", ["Enabled"], ["ExpireAfter"], problems);
        if (members.TryGetValue("Enabled", out var enabled))
        {
            ExpectKind(enabled, JsonValueKind.True, "a boolean", path + ".Enabled", problems);
        }

        if (members.TryGetValue("ExpireAfter", out var expireAfter))
        {
            if (BotocoreModel.Kind(expireAfter) != JsonValueKind.String)
            {
                problems.Add($"{path}.ExpireAfter: expected an ISO 8601 duration string, found {BotocoreModel.Found(expireAfter)}");
            }
            else if (!System.Text.RegularExpressions.Regex.IsMatch(expireAfter!.GetValue<string>(),
                @"\AP(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant))
            {
                problems.Add($"{path}.ExpireAfter: '{expireAfter!.GetValue<string>()}' is not an ISO 8601 duration such as PT1H or P30D");
            }
        }
    }

    /// <summary>A retry policy (SDK <c>workflow/retry.py</c>): exception types, then numbers.</summary>
    private static void CheckRetryPolicy(JsonNode? node, string path, List<string> problems)
    {
        var members = Members(node, path, "retry policy", ["ExceptionType"], ["IntervalSeconds", "BackoffRate", "MaxAttempts", "ExpireAfterMin"], problems);
        foreach (var (key, value) in members)
        {
            if (key == "ExceptionType")
            {
                CheckEach(value, path + ".ExceptionType", "exception types", problems,
                    (type, typePath) => ExpectKind(type, JsonValueKind.String, "a string", typePath, problems));
            }
            else
            {
                ExpectKind(value, JsonValueKind.Number, "a number", path + "." + key, problems);
            }
        }
    }

    // ---- Lambda and callback steps ---------------------------------------------------------------

    private static void CheckLambda(Dictionary<string, JsonNode?> members, string path, List<string> problems)
    {
        CheckExternal(members, path, problems);
        if (members.TryGetValue("FunctionArn", out var arn))
        {
            CheckForm(arn, FunctionArnForm, "a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)", path + ".FunctionArn", problems);
        }

        if (members.TryGetValue("TimeoutSeconds", out var timeout)
            && (BotocoreModel.Kind(timeout) != JsonValueKind.Number || !int.TryParse(timeout!.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 900))
        {
            problems.Add($"{path}.TimeoutSeconds: expected an integer from 1 to 900, found {BotocoreModel.Found(timeout)}");
        }
    }

    private static void CheckCallback(Dictionary<string, JsonNode?> members, string path, List<string> problems)
    {
        CheckExternal(members, path, problems);
        if (members.TryGetValue("SqsQueueUrl", out var url))
        {
            CheckForm(url, QueueUrlForm, "an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<queue>)", path + ".SqsQueueUrl", problems);
        }
    }

    /// <summary>Arguments: an object of literal values and expressions. OutputParameters: uniquely named, typed outputs.</summary>
    private static void CheckExternal(Dictionary<string, JsonNode?> members, string path, List<string> problems)
    {
        if (members.TryGetValue("Arguments", out var argumentsNode))
        {
            if (argumentsNode is not JsonObject arguments)
            {
                problems.Add($"{path}.Arguments: expected an object of inputs, found {BotocoreModel.Found(argumentsNode)}");
            }
            else
            {
                foreach (var (key, value) in arguments)
                {
                    var valuePath = BotocoreModel.Member(path + ".Arguments", key);
                    if (PipelineExpressions.Classify(value) != ExpressionKind.None)
                    {
                        PipelineExpressions.Check(value!, valuePath, problems);
                    }
                    else if (BotocoreModel.Kind(value) is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                    {
                        problems.Add($"{valuePath}: expected a string, number, boolean or expression, found {BotocoreModel.Found(value)}");
                    }
                }
            }
        }

        if (!members.TryGetValue("OutputParameters", out var outputs))
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        CheckEach(outputs, path + ".OutputParameters", "output parameters", problems, (output, outputPath) =>
        {
            var fields = Members(output, outputPath, "output parameter", ["OutputName", "OutputType"], [], problems);
            if (fields.TryGetValue("OutputName", out var name))
            {
                if (BotocoreModel.Kind(name) != JsonValueKind.String || name!.GetValue<string>().Length == 0)
                {
                    problems.Add($"{outputPath}.OutputName: expected a non-empty string, found {BotocoreModel.Found(name)}");
                }
                else if (!names.Add(name.GetValue<string>()))
                {
                    problems.Add($"{outputPath}.OutputName: output name '{name.GetValue<string>()}' is used twice");
                }
            }

            if (fields.TryGetValue("OutputType", out var type)
                && (BotocoreModel.Kind(type) != JsonValueKind.String || !OutputTypes.Contains(type!.GetValue<string>(), StringComparer.Ordinal)))
            {
                problems.Add($"{outputPath}.OutputType: expected one of {string.Join(", ", OutputTypes)}, found {BotocoreModel.Found(type)}");
            }
        });
    }

    private static void CheckForm(JsonNode? node, System.Text.RegularExpressions.Regex form, string what, string path, List<string> problems)
    {
        if (BotocoreModel.Kind(node) != JsonValueKind.String || !form.IsMatch(node!.GetValue<string>()))
        {
            problems.Add($"{path}: expected {what}, found {BotocoreModel.Found(node)}");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>Checks that <paramref name="node"/> is an object with the required keys and no others; returns
    /// its members (empty when it is not an object).</summary>
    private static Dictionary<string, JsonNode?> Members(JsonNode? node, string path, string what, string[] required, string[] optional, List<string> problems)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (node is not JsonObject obj)
        {
            problems.Add($"{path}: expected an object ({what}), found {BotocoreModel.Found(node)}");
            return result;
        }

        foreach (var (key, value) in obj)
        {
            if (required.Contains(key, StringComparer.Ordinal) || optional.Contains(key, StringComparer.Ordinal))
            {
                result[key] = value;
            }
            else
            {
                problems.Add($"{BotocoreModel.Member(path, key)}: unknown member of the {what} (known: {string.Join(", ", required.Concat(optional))})");
            }
        }

        foreach (var key in required.Where(k => !obj.ContainsKey(k)))
        {
            problems.Add($"{BotocoreModel.Member(path, key)}: required member of the {what} is missing");
        }

        return result;
    }

    private static void CheckEach(JsonNode? node, string path, string what, List<string> problems, Action<JsonNode?, string> check)
    {
        if (node is not JsonArray array)
        {
            problems.Add($"{path}: expected an array of {what}, found {BotocoreModel.Found(node)}");
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            check(array[i], path + "[" + Int(i) + "]");
        }
    }

    /// <summary>Expects a JSON kind; <see cref="JsonValueKind.True"/> stands for either boolean.</summary>
    private static void ExpectKind(JsonNode? node, JsonValueKind kind, string what, string path, List<string> problems)
    {
        var actual = BotocoreModel.Kind(node);
        if (kind == JsonValueKind.True ? actual is not (JsonValueKind.True or JsonValueKind.False) : actual != kind)
        {
            problems.Add($"{path}: expected {what}, found {BotocoreModel.Found(node)}");
        }
    }

    private static void CheckStringOrExpression(JsonNode? node, string path, List<string> problems)
    {
        var kind = PipelineExpressions.Classify(node);
        if (kind != ExpressionKind.None)
        {
            PipelineExpressions.Check(node!, path, problems);
        }
        else
        {
            ExpectKind(node, JsonValueKind.String, "a string or an expression", path, problems);
        }
    }

    /// <summary>The step's name when it is an object with a string <c>Name</c>, else null.</summary>
    private static string? NameOf(JsonNode? step) =>
        step is JsonObject obj && BotocoreModel.Kind(obj["Name"]) == JsonValueKind.String ? obj["Name"]!.GetValue<string>() : null;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
