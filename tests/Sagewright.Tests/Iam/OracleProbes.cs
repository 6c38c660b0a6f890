using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Sagewright.Tests.Iam;

public enum Expect
{
    Allowed,
    Denied,
}

/// <summary>One request a role makes (or must not be able to make) at run time.</summary>
public sealed record Probe(
    string Role,
    string Action,
    string Resource,
    string Account,
    ImmutableSortedDictionary<string, string> Context,
    Expect Expect,
    string Why)
{
    public string Key => $"{Role} {Action} {Resource} {Account} {ContextText}";

    public string RoleName => Role[(Role.LastIndexOf('/') + 1)..];

    public string ContextText => Context.IsEmpty ? "" : "{" + string.Join(", ", Context.Select(c => $"{c.Key}={c.Value}")) + "}";

    public override string ToString() =>
        $"{RoleName}: {Action} on {Resource}{(Context.IsEmpty ? "" : " with " + ContextText)} [{Why}]";
}

/// <summary>Where the pipeline runs, and the sample values that stand for what only exists at run time.</summary>
public sealed record OracleEnvironment(string Pipeline, string Account, string Region, string Partition)
{
    /// <summary>A pipeline execution id as SageMaker makes them (12 lower-case letters and digits).</summary>
    public string ExecutionId { get; init; } = "a1b2c3d4e5f6";

    public const string OtherAccount = "999999999999";

    public string OtherRegion => Region == "us-west-2" ? "eu-west-1" : "us-west-2";

    public string Arn(string service, string resource, string? region = null, string? account = null) =>
        $"arn:{Partition}:{service}:{region ?? Region}:{account ?? Account}:{resource}";

    public string S3(string bucket, string? key = null) => $"arn:{Partition}:s3:::{bucket}" + (key is null ? "" : "/" + key);
}

public sealed record ProbeSet(
    string PipelineRole,
    ImmutableArray<Probe> Needed,
    ImmutableArray<Probe> Neighbours,
    ImmutableSortedDictionary<string, ImmutableArray<string>> RoleSteps,
    ImmutableArray<string> Notes)
{
    public IEnumerable<Probe> All => Needed.Concat(Neighbours);

    /// <summary>(role, action) pairs that SageMaker's documentation says to grant on <c>*</c> with no condition, though
    /// the action takes resources: the EC2 network actions of a role that runs processing jobs in a VPC
    /// (<see href="https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createprocessingjob-perms">CreateProcessingJob
    /// API: execution role permissions</see>: "don't scope in the policy with any conditions or resource filters",
    /// or the job's validation fails).</summary>
    public ImmutableHashSet<(string Role, string Action)> Unscoped { get; init; } = ImmutableHashSet<(string Role, string Action)>.Empty;
}

/// <summary>
/// Derives, from the generated <c>pipeline.json</c> and <c>create-pipeline.json</c> alone (never from Sagewright's IAM
/// deriver), the requests each role makes when the pipeline runs, and neighbouring requests that no role needs.
/// </summary>
/// <remarks>
/// The run-time needs follow SageMaker's documentation of execution-role permissions (CreateProcessingJob,
/// CreateTrainingJob, CreateModel API: cloudwatch:PutMetricData, logs:CreateLogGroup/CreateLogStream/PutLogEvents/
/// DescribeLogStreams, s3:GetObject/PutObject/ListBucket scoped to the job's inputs and outputs, ECR pulls scoped
/// to the image's repository, ecr:GetAuthorizationToken) and of Pipelines (the pipeline role starts, describes and
/// stops each job, passes the job roles, reads JsonGet property files, invokes Lambda functions, sends callback
/// messages). Run-time values get sample values: parameters their defaults, the execution id
/// <see cref="OracleEnvironment.ExecutionId"/>, job names <c>pipelines-&lt;execution id&gt;-&lt;step&gt;-&lt;suffix&gt;</c>.
/// Values nobody can know before the run (a Lambda step's output) are listed in <see cref="ProbeSet.Notes"/>.
/// </remarks>
public static class OracleProbes
{
    public static ProbeSet Derive(JsonNode pipeline, JsonNode createPipeline, OracleEnvironment environment) =>
        new Builder(pipeline, createPipeline, environment, []).Build();

    /// <summary>The probes of the pipeline and of its endpoints: what SageMaker hosting does as each endpoint's model
    /// role, derived from the endpoint's <c>create-model.json</c> and <c>create-endpoint-config.json</c> (the role, the
    /// model package group, the variants, the data capture destination and key) and the register-model step of the
    /// definition that fills the group (its image and model data), following the CreateModel API's execution-role
    /// permissions and the data capture guide (captures under <c>&lt;destination&gt;/&lt;endpoint&gt;/&lt;variant&gt;/…</c>).</summary>
    public static ProbeSet Derive(JsonNode pipeline, JsonNode createPipeline, OracleEnvironment environment, IReadOnlyDictionary<string, string> files)
    {
        var prefix = environment.Pipeline + "/endpoints/";
        var endpoints = files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith("/create-model.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => k[prefix.Length..k.LastIndexOf('/')])
            .Select(name => (name, JsonNode.Parse(files[prefix + name + "/create-model.json"])!, JsonNode.Parse(files[prefix + name + "/create-endpoint-config.json"])!))
            .ToList();
        return new Builder(pipeline, createPipeline, environment, endpoints).Build();
    }

    private sealed record S3Grant(string Role, string Action, string Bucket, string Key, bool IsPrefix);

    private sealed record S3Location(string Bucket, string Key)
    {
        /// <summary>A key that names one object (its last segment has an extension), not a folder.</summary>
        public bool IsObject => !Key.EndsWith('/') && Key[(Key.LastIndexOf('/') + 1)..].Contains('.');

        public string Folder => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

        /// <summary><c>raw-data/</c> → <c>raw-data-old/</c>: the prefix next door.</summary>
        public string SiblingFolder => Key.TrimEnd('/') + "-old/";

        public static S3Location? Parse(string? uri)
        {
            if (uri is null || !uri.StartsWith("s3://", StringComparison.Ordinal))
            {
                return null;
            }

            var rest = uri["s3://".Length..];
            var slash = rest.IndexOf('/');
            return slash < 0 ? new S3Location(rest, "") : new S3Location(rest[..slash], rest[(slash + 1)..]);
        }
    }

    private sealed class Builder(JsonNode pipeline, JsonNode createPipeline, OracleEnvironment env, List<(string Name, JsonNode CreateModel, JsonNode CreateEndpointConfig)> endpoints)
    {
        private const string UnrelatedBucket = "sagewright-oracle-unrelated-bucket";
        private const string SampleObject = "part-00000.csv";
        private static readonly string[] JobLogGroups = ["ProcessingJobs", "TrainingJobs", "TransformJobs"];

        private readonly List<Probe> _needed = [];
        private readonly List<S3Grant> _s3 = [];
        private readonly List<(S3Location Location, string Why)> _declaredInputFolders = [];
        private readonly List<(S3Location Location, string Why)> _writeFolders = [];
        private readonly List<(S3Location Location, string Why)> _propertyFiles = [];
        private readonly List<(string Role, string Step)> _roleSteps = [];
        private readonly List<string> _notes = [];
        private readonly Dictionary<string, HashSet<string>> _logGroups = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _namespaces = new(StringComparer.Ordinal);
        private readonly List<(string ResourceType, string CreateAction, string Arn)> _jobControls = [];

        /// <summary>The experiment and trial of each execution modelled (<c>PipelineExperimentConfig</c>), and the
        /// trial components of the jobs it runs.</summary>
        private readonly List<(string Experiment, string Trial)> _experiments = [];
        private readonly List<string> _trialComponents = [];
        private readonly HashSet<string> _passedRoles = new(StringComparer.Ordinal);
        private readonly List<(string Account, string Region, string Repository)> _repositories = [];
        private readonly List<(string Arn, string Status)> _modelPackages = [];
        private readonly List<string> _functions = [];
        private readonly List<string> _queues = [];
        private readonly Dictionary<string, string> _modelRoles = new(StringComparer.Ordinal);
        private readonly List<(string Bucket, string Folder, string Key)> _encryptedFolders = [];
        private readonly HashSet<string> _kmsKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string[] Subnets, string[] SecurityGroups)> _vpcRoles = new(StringComparer.Ordinal);
        private readonly HashSet<string> _unscopedVpcRoles = new(StringComparer.Ordinal);
        private static readonly string[] VpcNetworkActions = ["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"];
        private static readonly string[] VpcDescribeActions = ["ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"];
        private readonly Dictionary<string, JsonNode> _steps = new(StringComparer.Ordinal);
        private Dictionary<string, JsonNode?> _parameters = new(StringComparer.Ordinal);
        private string _pipelineRole = "";

        /// <summary>At most this many executions are modelled: one per combination of the parameters' EnumValues.</summary>
        private const int MaxExecutions = 32;

        public ProbeSet Build()
        {
            _pipelineRole = (string?)createPipeline["RoleArn"] ?? throw new InvalidOperationException("create-pipeline.json has no RoleArn.");
            var ordered = new List<JsonNode>();
            Flatten(pipeline["Steps"]?.AsArray(), ordered);
            foreach (var step in ordered)
            {
                _steps[(string)step["Name"]!] = step;
            }

            // An execution may pass any allowed value of a parameter with EnumValues: the requests of each such
            // execution are needed (the first assignment is the defaults).
            foreach (var assignment in ParameterAssignments())
            {
                _parameters = assignment;
                Execution(ordered);
            }

            var needed = _needed.DistinctBy(p => p.Key).ToImmutableArray();
            var neighbours = Neighbours(needed).DistinctBy(p => p.Key).ToImmutableArray();
            var roleSteps = _roleSteps
                .GroupBy(r => r.Role, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(g => g.Key, g => g.Select(r => r.Step).Distinct().Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
            return new ProbeSet(_pipelineRole, needed, neighbours, roleSteps, _notes.Distinct(StringComparer.Ordinal).ToImmutableArray())
            {
                Unscoped = _unscopedVpcRoles.SelectMany(r => VpcNetworkActions.Concat(VpcDescribeActions).Select(a => (r, a))).ToImmutableHashSet(),
            };
        }

        /// <summary>The parameter values of the executions modelled: the defaults, then every combination of the
        /// EnumValues (or, when there are more than <see cref="MaxExecutions"/>, each value with the other defaults).</summary>
        private List<Dictionary<string, JsonNode?>> ParameterAssignments()
        {
            var defaults = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            var choices = new List<(string Name, string[] Values)>();
            foreach (var parameter in pipeline["Parameters"]?.AsArray() ?? [])
            {
                var name = (string)parameter!["Name"]!;
                defaults[name] = parameter["DefaultValue"];
                var values = (parameter["EnumValues"]?.AsArray() ?? []).Select(v => (string)v!).Distinct(StringComparer.Ordinal).ToArray();
                if (values.Length > 0)
                {
                    choices.Add((name, values));
                }
            }

            var result = new List<Dictionary<string, JsonNode?>> { defaults };
            var combinations = choices.Aggregate(1L, (n, c) => n * c.Values.Length);
            if (combinations <= MaxExecutions)
            {
                IEnumerable<Dictionary<string, JsonNode?>> all = [new(defaults, StringComparer.Ordinal)];
                foreach (var (name, values) in choices)
                {
                    all = all.SelectMany(a => values.Select(v => new Dictionary<string, JsonNode?>(a, StringComparer.Ordinal) { [name] = JsonValue.Create(v) })).ToList();
                }

                result.AddRange(all);
            }
            else
            {
                foreach (var (name, values) in choices)
                {
                    result.AddRange(values.Select(v => new Dictionary<string, JsonNode?>(defaults, StringComparer.Ordinal) { [name] = JsonValue.Create(v) }));
                }
            }

            if (choices.Count > 0)
            {
                _notes.Add("executions modelled with each allowed value of " + string.Join(", ", choices.Select(c => $"{c.Name} ({string.Join(", ", c.Values)})"))
                    + (combinations <= MaxExecutions ? ", in every combination" : ", one parameter at a time"));
            }

            return result;
        }

        /// <summary>The requests of one execution, with the parameter values in <see cref="_parameters"/>.</summary>
        private void Execution(List<JsonNode> ordered)
        {
            // Model steps first: a transform step runs with the role of the model it names.
            foreach (var step in ordered.Where(s => (string?)s["Type"] == "Model"))
            {
                Model(step);
            }

            foreach (var step in ordered)
            {
                var name = (string)step["Name"]!;
                switch ((string?)step["Type"])
                {
                    case "Processing": Processing(step, name); break;
                    case "Training": Training(step, name); break;
                    case "Tuning": Tuning(step, name); break;
                    case "Model": break;
                    case "Transform": Transform(step, name); break;
                    case "RegisterModel": RegisterModel(step, name); break;
                    case "Lambda": Lambda(step, name); break;
                    case "Callback": Callback(step, name); break;
                    case "Condition" or "Fail": _roleSteps.Add((_pipelineRole, name)); break;
                    default: _notes.Add($"step {name} of type {(string?)step["Type"]} is not modelled by the oracle"); break;
                }
            }

            Endpoints();
            PropertyFileReads();
            DecryptReads();
            Experiment();
        }

        /// <summary>With a <c>PipelineExperimentConfig</c>, SageMaker Pipelines creates the experiment and the trial
        /// ("run group") when they do not exist, and adds a run (the trial component SageMaker makes for each job,
        /// <c>&lt;job name&gt;-aws-&lt;kind&gt;-job</c>) to the trial for each job a step creates, as the pipeline role
        /// (developer guide, "Amazon SageMaker Experiments Integration"). The actions are those of the Service
        /// Authorization Reference for these calls: Describe/CreateExperiment, Describe/CreateTrial (on the trial and its
        /// experiment), AssociateTrialComponent (on the trial and the component).</summary>
        private void Experiment()
        {
            if (pipeline["PipelineExperimentConfig"] is not JsonObject config)
            {
                return;
            }

            var experiment = Resolve(config["ExperimentName"]);
            var trial = Resolve(config["TrialName"]);
            if (experiment is null || trial is null)
            {
                _notes.Add("the experiment or trial name is not known before the run: its requests are not probed");
                return;
            }

            var experimentArn = SageMakerArn("experiment", experiment);
            var trialArn = SageMakerArn("experiment-trial", trial);
            _experiments.Add((experimentArn, trialArn));
            const string why = "the pipeline tracks the execution in SageMaker Experiments (PipelineExperimentConfig)";
            Need(_pipelineRole, "sagemaker:DescribeExperiment", experimentArn, env.Account, [], why + ": does the experiment exist");
            Need(_pipelineRole, "sagemaker:CreateExperiment", experimentArn, env.Account, [], why + ": creates the experiment");
            Need(_pipelineRole, "sagemaker:DescribeTrial", trialArn, env.Account, [], why + ": does the trial exist");
            Need(_pipelineRole, "sagemaker:CreateTrial", trialArn, env.Account, [], why + ": creates the trial");
            Need(_pipelineRole, "sagemaker:CreateTrial", experimentArn, env.Account, [], why + ": creates the trial in the experiment");
            foreach (var component in _trialComponents)
            {
                Need(_pipelineRole, "sagemaker:AssociateTrialComponent", trialArn, env.Account, [], why + ": adds each job's run to the trial");
                Need(_pipelineRole, "sagemaker:AssociateTrialComponent", component, env.Account, [], why + ": adds each job's run to the trial");
            }
        }

        /// <summary>What SageMaker hosting does as the role of each endpoint's model.</summary>
        private void Endpoints()
        {
            foreach (var (name, model, config) in endpoints)
            {
                if ((string?)model["ExecutionRoleArn"] is not { } role)
                {
                    continue;
                }

                var who = "endpoints/" + name;
                _roleSteps.Add((role, who));
                var group = (string?)model["PrimaryContainer"]?["ModelPackageName"];
                var register = _steps.Values.FirstOrDefault(s => (string?)s["Type"] == "RegisterModel" && Resolve(s["Arguments"]?["ModelPackageGroupName"]) == group);
                if (register?["Arguments"]?["InferenceSpecification"]?["Containers"]?[0] is { } container)
                {
                    Image(role, Resolve(container["Image"]), $"endpoint {name} runs the model of group {group}");
                    Read(role, container["ModelDataUrl"], list: false, $"endpoint {name} loads the model data of group {group}");
                }
                else
                {
                    _notes.Add($"endpoint {name}: no register-model step of the definition fills {group}, so its image and model data are not probed");
                }

                foreach (var variant in config["ProductionVariants"]?.AsArray() ?? [])
                {
                    Logs(role, "Endpoints/" + name, (string)variant!["VariantName"]! + "/i-0123456789abcdef0", who);
                }

                Metrics(role, "/aws/sagemaker/Endpoints", who);
                if (config["DataCaptureConfig"] is { } capture && (bool?)capture["EnableCapture"] != false)
                {
                    var variant = (string)config["ProductionVariants"]![0]!["VariantName"]!;
                    Write(role, (string?)capture["DestinationS3Uri"], $"{name}/{variant}/2026/01/01/00/capture.jsonl", who + " writes its data captures", capture["DestinationS3Uri"],
                        KmsKey(capture["KmsKeyId"], who + "'s data capture key"));
                }
            }
        }

        private static void Flatten(JsonArray? steps, List<JsonNode> into)
        {
            foreach (var step in steps ?? [])
            {
                into.Add(step!);
                if ((string?)step!["Type"] == "Condition")
                {
                    Flatten(step["Arguments"]?["IfSteps"]?.AsArray(), into);
                    Flatten(step["Arguments"]?["ElseSteps"]?.AsArray(), into);
                }
            }
        }

        // ---- names SageMaker gives what a pipeline execution creates ----

        private string JobName(string step) => $"pipelines-{env.ExecutionId}-{step}-Xq7Lm2Pa9K";

        /// <summary>SageMaker puts resource names into ARNs in lower case
        /// (<c>model/pipelines-cfvy1tjuxdq8-abalonecreatemodel-jl94rai0ra</c> for step AbaloneCreateModel), while the
        /// names themselves keep their case in S3 paths and log streams.</summary>
        private string SageMakerArn(string resourceType, string name) => env.Arn("sagemaker", $"{resourceType}/{name.ToLowerInvariant()}");

        /// <summary>Tuning job names are at most 32 characters.</summary>
        private string TuningJobName(string step)
        {
            var name = $"pipelines-{env.ExecutionId}-{step}";
            return name.Length <= 32 ? name : name[..32];
        }

        private string TuningChildJobName(string step) => TuningJobName(step) + "-001-1a2b3c4d";

        // ---- values in the definition, resolved to what they are at run time ----

        private string? Resolve(JsonNode? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case JsonValue scalar:
                    return scalar.TryGetValue<string>(out var text) ? text
                        : scalar.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false")
                        : Convert.ToString(scalar.GetValue<double>(), CultureInfo.InvariantCulture);
                case JsonObject o when o["Get"] is JsonValue get:
                    return ResolveGet((string)get!);
                case JsonObject o when o["Std:Join"] is JsonObject join:
                    var parts = (join["Values"]?.AsArray() ?? []).Select(Resolve).ToList();
                    return parts.Any(p => p is null) ? null : string.Join((string?)join["On"] ?? "", parts);
                default:
                    return null;
            }
        }

        private string? ResolveGet(string reference)
        {
            if (reference.StartsWith("Parameters.", StringComparison.Ordinal))
            {
                return _parameters.TryGetValue(reference["Parameters.".Length..], out var value) ? Resolve(value) : null;
            }

            switch (reference)
            {
                case "Execution.PipelineExecutionId": return env.ExecutionId;
                case "Execution.PipelineName": return env.Pipeline;
                case "Execution.PipelineExecutionArn": return env.Arn("sagemaker", $"pipeline/{env.Pipeline.ToLowerInvariant()}/execution/{env.ExecutionId}");
            }

            if (!reference.StartsWith("Steps.", StringComparison.Ordinal))
            {
                return null;
            }

            var dot = reference.IndexOf('.', "Steps.".Length);
            var stepName = reference["Steps.".Length..dot];
            var property = reference[(dot + 1)..];
            if (!_steps.TryGetValue(stepName, out var step))
            {
                return null;
            }

            const string outputs = "ProcessingOutputConfig.Outputs['";
            if (property.StartsWith(outputs, StringComparison.Ordinal))
            {
                var outputName = property[outputs.Length..property.IndexOf('\'', outputs.Length)];
                var output = (step["Arguments"]?["ProcessingOutputConfig"]?["Outputs"]?.AsArray() ?? [])
                    .FirstOrDefault(o => (string?)o!["OutputName"] == outputName);
                return Resolve(output?["S3Output"]?["S3Uri"]);
            }

            return property switch
            {
                "ModelArtifacts.S3ModelArtifacts" => Resolve(step["Arguments"]?["OutputDataConfig"]?["S3OutputPath"]) is { } path
                    ? $"{path.TrimEnd('/')}/{JobName(stepName)}/output/model.tar.gz"
                    : null,
                "TrainingJobSummaries[0].TrainingJobName" or "BestTrainingJob.TrainingJobName" => TuningChildJobName(stepName),
                "ModelName" => JobName(stepName),
                _ => null,
            };
        }

        // ---- what each step kind does ----

        private void Processing(JsonNode step, string name)
        {
            var args = step["Arguments"]!;
            var role = (string)args["RoleArn"]!;
            var job = JobName(name);
            _roleSteps.Add((role, name));
            _roleSteps.Add((_pipelineRole, name));
            JobControl(name, "processing-job", "ProcessingJob", job);
            PassRole(name, role);

            foreach (var input in args["ProcessingInputs"]?.AsArray() ?? [])
            {
                var s3 = input!["S3Input"];
                if (s3 is null)
                {
                    continue;
                }

                Read(role, s3["S3Uri"], list: true, $"{name} reads input '{(string?)input["InputName"]}'");
            }

            var propertyFiles = step["PropertyFiles"]?.AsArray() ?? [];
            var outputKey = KmsKey(args["ProcessingOutputConfig"]?["KmsKeyId"], $"{name}'s output key");
            foreach (var output in args["ProcessingOutputConfig"]?["Outputs"]?.AsArray() ?? [])
            {
                var outputName = (string?)output!["OutputName"];
                var uri = Resolve(output["S3Output"]?["S3Uri"]);
                var why = $"{name} writes output '{outputName}'";
                Write(role, uri, SampleObject, why, output["S3Output"]?["S3Uri"], outputKey);
                foreach (var file in propertyFiles.Where(p => (string?)p!["OutputName"] == outputName))
                {
                    Write(role, uri, (string)file!["FilePath"]!, why + $" with property file {(string?)file["PropertyFileName"]}", output["S3Output"]?["S3Uri"], outputKey);
                }
            }

            Image(role, (string?)args["AppSpecification"]?["ImageUri"], $"{name} runs its image");
            VolumeKey(role, args["ProcessingResources"]?["ClusterConfig"]?["VolumeKmsKeyId"], name);
            Vpc(role, args["NetworkConfig"]?["VpcConfig"], name, unscoped: true);
            Logs(role, "ProcessingJobs", job + "/algo-1-1700000000", name);
            Metrics(role, "/aws/sagemaker/ProcessingJobs", name);
        }

        private void Training(JsonNode step, string name)
        {
            var args = step["Arguments"]!;
            var role = (string)args["RoleArn"]!;
            _roleSteps.Add((role, name));
            _roleSteps.Add((_pipelineRole, name));
            JobControl(name, "training-job", "TrainingJob", JobName(name));
            PassRole(name, role);
            TrainingJob(role, args, JobName(name), name);
        }

        private void Tuning(JsonNode step, string name)
        {
            var args = step["Arguments"]!;
            var definitions = args["TrainingJobDefinition"] is { } single ? [single] : (args["TrainingJobDefinitions"]?.AsArray().Select(d => d!).ToList() ?? []);
            var tuningJob = TuningJobName(name);
            _roleSteps.Add((_pipelineRole, name));
            JobControl(name, "hyper-parameter-tuning-job", "HyperParameterTuningJob", tuningJob);
            if (pipeline.ToJsonString().Contains($"Steps.{name}.TrainingJobSummaries", StringComparison.Ordinal))
            {
                // The TrainingJobSummaries property is ListTrainingJobsForHyperParameterTuningJob's response.
                Need(_pipelineRole, "sagemaker:ListTrainingJobsForHyperParameterTuningJob",
                    SageMakerArn("hyper-parameter-tuning-job", tuningJob), env.Account, [], $"{name}'s TrainingJobSummaries are read");
            }

            foreach (var definition in definitions)
            {
                var role = (string)definition["RoleArn"]!;
                _roleSteps.Add((role, name));
                PassRole(name, role);
                TrainingJob(role, definition, TuningChildJobName(name), name + " (a training job of the tuning job)");
            }
        }

        private void TrainingJob(string role, JsonNode args, string job, string step)
        {
            foreach (var channel in args["InputDataConfig"]?.AsArray() ?? [])
            {
                Read(role, channel!["DataSource"]?["S3DataSource"]?["S3Uri"], list: true, $"{step} reads channel '{(string?)channel["ChannelName"]}'");
            }

            var hyperParameters = args["HyperParameters"] ?? args["StaticHyperParameters"];
            if (Resolve(hyperParameters?["sagemaker_submit_directory"]) is { } submit)
            {
                Read(role, JsonValue.Create(submit.Trim('"')), list: false, $"{step} downloads its source directory");
            }

            if (Resolve(args["OutputDataConfig"]?["S3OutputPath"]) is { } outputPath)
            {
                var outputKey = KmsKey(args["OutputDataConfig"]?["KmsKeyId"], $"{step}'s output key");
                Write(role, outputPath, $"{job}/output/model.tar.gz", $"{step} writes its model artifacts", args["OutputDataConfig"]?["S3OutputPath"], outputKey);
                if (outputKey is not null)
                {
                    // OutputDataConfig.KmsKeyId (API reference): "the SageMaker execution role must include permissions to call kms:Encrypt".
                    Need(role, "kms:Encrypt", outputKey, ArnAccount(outputKey), [], $"{step} encrypts its model artifacts with its output key");
                }
            }

            if (S3Location.Parse(Resolve(args["CheckpointConfig"]?["S3Uri"])) is { } checkpoints)
            {
                var why = $"{step} syncs checkpoints (SageMaker reads, writes and deletes them)";
                var file = checkpoints.Folder + "checkpoint-1.pt";
                foreach (var action in new[] { "s3:GetObject", "s3:PutObject", "s3:DeleteObject" })
                {
                    Need(role, action, env.S3(checkpoints.Bucket, file), env.Account, [], why);
                    _s3.Add(new S3Grant(role, action, checkpoints.Bucket, checkpoints.Folder, IsPrefix: true));
                }

                Need(role, "s3:ListBucket", env.S3(checkpoints.Bucket), env.Account, [("s3:prefix", checkpoints.Key)], why);
                _s3.Add(new S3Grant(role, "s3:ListBucket", checkpoints.Bucket, checkpoints.Key, IsPrefix: true));
                _writeFolders.Add((checkpoints, why));
            }

            Image(role, (string?)args["AlgorithmSpecification"]?["TrainingImage"], $"{step} runs its image");
            VolumeKey(role, (args["ResourceConfig"] ?? args["HyperParameterTuningResourceConfig"])?["VolumeKmsKeyId"], step);
            Vpc(role, args["VpcConfig"], step);
            Logs(role, "TrainingJobs", job + "/algo-1-1700000000", step);
            Metrics(role, "/aws/sagemaker/TrainingJobs", step);
        }

        private void Model(JsonNode step)
        {
            var name = (string)step["Name"]!;
            var args = step["Arguments"]!;
            var role = (string)args["ExecutionRoleArn"]!;
            _modelRoles[name] = role;
            _roleSteps.Add((role, name));
            _roleSteps.Add((_pipelineRole, name));
            Need(_pipelineRole, "sagemaker:CreateModel", SageMakerArn("model", JobName(name)), env.Account, [], $"{name} creates the model");
            _jobControls.Add(("model", "sagemaker:CreateModel", SageMakerArn("model", JobName(name))));
            PassRole(name, role);

            Vpc(role, args["VpcConfig"], name + "'s model");
            var containers = args["PrimaryContainer"] is { } primary ? [primary] : (args["Containers"]?.AsArray().Select(c => c!).ToList() ?? []);
            foreach (var container in containers)
            {
                Image(role, (string?)container["Image"], $"{name}'s model runs its image");
                Read(role, container["ModelDataUrl"], list: false, $"{name}'s model loads its model data");
            }
        }

        private void Transform(JsonNode step, string name)
        {
            var args = step["Arguments"]!;
            var job = JobName(name);
            _roleSteps.Add((_pipelineRole, name));
            JobControl(name, "transform-job", "TransformJob", job);

            var modelReference = (string?)(args["ModelName"] as JsonObject)?["Get"]; // a plain string names a model made elsewhere
            var modelStep = modelReference is not null && modelReference.StartsWith("Steps.", StringComparison.Ordinal) && modelReference.EndsWith(".ModelName", StringComparison.Ordinal)
                ? modelReference["Steps.".Length..^".ModelName".Length]
                : null;
            if (modelStep is null || !_modelRoles.TryGetValue(modelStep, out var role))
            {
                _notes.Add($"{name}: the model's role is not in this definition, so the transform job's own requests are not probed");
                return;
            }

            _roleSteps.Add((role, name));
            var input = args["TransformInput"]?["DataSource"]?["S3DataSource"]?["S3Uri"];
            Read(role, input, list: true, $"{name} reads its transform input");
            Write(role, Resolve(args["TransformOutput"]?["S3OutputPath"]), SampleObject + ".out", $"{name} writes its transform output", args["TransformOutput"]?["S3OutputPath"],
                KmsKey(args["TransformOutput"]?["KmsKeyId"], $"{name}'s output key"));
            VolumeKey(role, args["TransformResources"]?["VolumeKmsKeyId"], name);
            Logs(role, "TransformJobs", job + "/i-0123456789abcdef0-1700000000", name);
            Metrics(role, "/aws/sagemaker/TransformJobs", name);
        }

        private void RegisterModel(JsonNode step, string name)
        {
            var args = step["Arguments"]!;
            var group = Resolve(args["ModelPackageGroupName"]);
            _roleSteps.Add((_pipelineRole, name));
            if (group is null)
            {
                _notes.Add($"{name}: the model package group is not known before the run");
                return;
            }

            var status = Resolve(args["ModelApprovalStatus"]) ?? "PendingManualApproval";
            // The group is a name or its ARN (botocore ArnOrName); a version lives in its group's account and region.
            const string GroupPrefix = "model-package-group/";
            var arn = group.Split(':') is { Length: 6 } parts && parts[0] == "arn" && parts[5].StartsWith(GroupPrefix, StringComparison.Ordinal)
                ? $"arn:{parts[1]}:sagemaker:{parts[3]}:{parts[4]}:model-package/{parts[5][GroupPrefix.Length..].ToLowerInvariant()}/1"
                : SageMakerArn("model-package", $"{group}/1");
            var account = ArnAccount(arn);
            Need(_pipelineRole, "sagemaker:CreateModelPackage", arn, account, [("sagemaker:ModelApprovalStatus", status)],
                $"{name} registers version 1 of group {group} as {status}");
            if (args["Tags"] is JsonArray { Count: > 0 })
            {
                Need(_pipelineRole, "sagemaker:AddTags", arn, account, [], $"{name} tags the model package it registers");
            }

            _modelPackages.Add((arn, status));
        }

        private void Lambda(JsonNode step, string name)
        {
            _roleSteps.Add((_pipelineRole, name));
            var function = (string?)step["FunctionArn"];
            if (function is null)
            {
                return;
            }

            Need(_pipelineRole, "lambda:InvokeFunction", function, ArnAccount(function), [], $"{name} invokes its function");
            _functions.Add(function);
        }

        private void Callback(JsonNode step, string name)
        {
            _roleSteps.Add((_pipelineRole, name));
            // https://sqs.<region>.amazonaws.com/<account>/<queue>
            var url = (string?)step["SqsQueueUrl"];
            var parts = url?.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts is not { Length: 4 } || !parts[1].StartsWith("sqs.", StringComparison.Ordinal))
            {
                _notes.Add($"{name}: queue URL {url} is not in the form the oracle knows");
                return;
            }

            var region = parts[1].Split('.')[1];
            var queue = $"arn:{env.Partition}:sqs:{region}:{parts[2]}:{parts[3]}";
            Need(_pipelineRole, "sqs:SendMessage", queue, parts[2], [], $"{name} sends its callback message");
            _queues.Add(queue);
        }

        private void PropertyFileReads()
        {
            // Std:JsonGet anywhere in the definition: the pipeline role reads the property file from S3.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in Descendants(pipeline))
            {
                if (node is not JsonObject o || o["Std:JsonGet"] is not JsonObject jsonGet)
                {
                    continue;
                }

                var reference = (string?)jsonGet["PropertyFile"]?["Get"];
                if (reference is null || !seen.Add(reference))
                {
                    continue;
                }

                // Steps.<step>.PropertyFiles.<name>
                var parts = reference.Split('.');
                if (parts.Length != 4 || !_steps.TryGetValue(parts[1], out var step))
                {
                    continue;
                }

                var file = (step["PropertyFiles"]?.AsArray() ?? []).FirstOrDefault(p => (string?)p!["PropertyFileName"] == parts[3]);
                var output = (step["Arguments"]?["ProcessingOutputConfig"]?["Outputs"]?.AsArray() ?? [])
                    .FirstOrDefault(o2 => (string?)o2!["OutputName"] == (string?)file?["OutputName"]);
                if (file is null || S3Location.Parse(Resolve(output?["S3Output"]?["S3Uri"])) is not { } location)
                {
                    continue;
                }

                var key = location.Folder + (string)file["FilePath"]!;
                var why = $"a JsonGet reads property file {parts[3]} of {parts[1]}";
                Need(_pipelineRole, "s3:GetObject", env.S3(location.Bucket, key), env.Account, [], why);
                _s3.Add(new S3Grant(_pipelineRole, "s3:GetObject", location.Bucket, key, IsPrefix: false));
                _propertyFiles.Add((location with { Key = key }, why));
            }
        }

        private static IEnumerable<JsonNode> Descendants(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    yield return o;
                    foreach (var (_, child) in o)
                    {
                        foreach (var d in Descendants(child))
                        {
                            yield return d;
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        foreach (var d in Descendants(child))
                        {
                            yield return d;
                        }
                    }

                    break;
            }
        }

        // ---- building blocks ----

        private void Need(string role, string action, string resource, string account, (string Key, string Value)[] context, string why) =>
            _needed.Add(new Probe(role, action, resource, account, Context(context), Expect.Allowed, why));

        private static ImmutableSortedDictionary<string, string> Context((string Key, string Value)[] context) =>
            context.ToImmutableSortedDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

        private static string ArnAccount(string arn) => arn.Split(':') is { Length: > 4 } parts ? parts[4] : "";

        private void JobControl(string step, string resourceType, string noun, string job)
        {
            var arn = SageMakerArn(resourceType, job);
            foreach (var verb in new[] { "Create", "Describe", "Stop" })
            {
                Need(_pipelineRole, $"sagemaker:{verb}{noun}", arn, env.Account, [], $"{step}: the pipeline {verb.ToLowerInvariant()}s the job");
            }

            Need(_pipelineRole, "sagemaker:AddTags", arn, env.Account, [], $"{step}: the pipeline tags the job it creates");
            _jobControls.Add((resourceType, $"sagemaker:Create{noun}", arn));
            if (resourceType is "processing-job" or "training-job" or "transform-job")
            {
                // SageMaker records each such job as the trial component <job name>-aws-<kind>.
                _trialComponents.Add(SageMakerArn("experiment-trial-component", $"{job}-aws-{resourceType}"));
            }
        }

        private void PassRole(string step, string role)
        {
            Need(_pipelineRole, "iam:PassRole", role, ArnAccount(role), [("iam:PassedToService", "sagemaker.amazonaws.com")], $"{step} runs with this role");
            _passedRoles.Add(role);
        }

        private void Read(string role, JsonNode? uriValue, bool list, string why)
        {
            var uri = Resolve(uriValue);
            if (S3Location.Parse(uri) is not { } location)
            {
                _notes.Add($"{why}: {(uriValue is null ? "no S3 URI" : uriValue.ToJsonString())} is not known before the run, so it is not probed");
                return;
            }

            if (location.IsObject)
            {
                Need(role, "s3:GetObject", env.S3(location.Bucket, location.Key), env.Account, [], why);
                _s3.Add(new S3Grant(role, "s3:GetObject", location.Bucket, location.Key, IsPrefix: false));
            }
            else
            {
                Need(role, "s3:GetObject", env.S3(location.Bucket, location.Folder + SampleObject), env.Account, [], why);
                _s3.Add(new S3Grant(role, "s3:GetObject", location.Bucket, location.Folder, IsPrefix: true));
                if (location.Key.EndsWith('/'))
                {
                    // A folder declared with its trailing slash: the prefix next door (raw-data-old/ beside raw-data/)
                    // is not part of it. (Without the slash, S3Prefix semantics would include it, so no sibling then.)
                    _declaredInputFolders.Add((location, why));
                }
            }

            if (list)
            {
                // SageMaker lists the input with the URI's key as the prefix.
                Need(role, "s3:ListBucket", env.S3(location.Bucket), env.Account, [("s3:prefix", location.Key)], why + " (lists it)");
                _s3.Add(new S3Grant(role, "s3:ListBucket", location.Bucket, location.Key, IsPrefix: true));
            }
        }

        private void Write(string role, string? uri, string file, string why, JsonNode? uriValue, string? kmsKey = null)
        {
            if (S3Location.Parse(uri) is not { } location)
            {
                _notes.Add($"{why}: {(uriValue is null ? "no S3 URI" : uriValue.ToJsonString())} is not known before the run, so it is not probed");
                return;
            }

            Need(role, "s3:PutObject", env.S3(location.Bucket, location.Folder + file), env.Account, [], why);
            _s3.Add(new S3Grant(role, "s3:PutObject", location.Bucket, location.Folder, IsPrefix: true));
            _writeFolders.Add((location, why));
            if (kmsKey is not null)
            {
                // S3 server-side encryption with a KMS key: PutObject needs kms:GenerateDataKey, and a multipart
                // upload (SageMaker uploads large files in parts) kms:Decrypt as well; S3 calls KMS on the role's behalf.
                var via = ("kms:ViaService", $"s3.{env.Region}.amazonaws.com");
                Need(role, "kms:GenerateDataKey", kmsKey, ArnAccount(kmsKey), [via], why + " encrypted with its output key");
                Need(role, "kms:Decrypt", kmsKey, ArnAccount(kmsKey), [via], why + " encrypted with its output key (multipart upload)");
                _encryptedFolders.Add((location.Bucket, location.Folder, kmsKey));
            }
        }

        private void Image(string role, string? image, string why)
        {
            // <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]
            if (image is null)
            {
                return;
            }

            var slash = image.IndexOf('/');
            var host = slash < 0 ? image : image[..slash];
            var hostParts = host.Split('.');
            if (slash < 0 || hostParts.Length < 6 || hostParts[1] != "dkr" || hostParts[2] != "ecr")
            {
                _notes.Add($"{why}: {image} is not an ECR image, so no ECR pull is probed");
                return;
            }

            var repository = image[(slash + 1)..];
            var end = repository.IndexOfAny(['@', ':']);
            repository = end < 0 ? repository : repository[..end];
            var (account, region) = (hostParts[0], hostParts[3]);
            var arn = env.Arn("ecr", "repository/" + repository, region, account);
            foreach (var action in new[] { "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer" })
            {
                Need(role, action, arn, account, [], why + $" (pulls {repository})");
            }

            Need(role, "ecr:GetAuthorizationToken", "*", env.Account, [], why + " (logs in to ECR)");
            _repositories.Add((account, region, repository));
        }

        /// <summary>A KMS key as IAM names it: a key ARN, or a key id in this account and region. An alias names no
        /// key before the run, so it is noted and not probed.</summary>
        private string? KmsKey(JsonNode? value, string what)
        {
            var id = Resolve(value);
            if (id is null)
            {
                return null;
            }

            string? arn = id.StartsWith("arn:", StringComparison.Ordinal)
                ? (id.Contains(":key/", StringComparison.Ordinal) ? id : null)
                : id.StartsWith("alias/", StringComparison.Ordinal) ? null : env.Arn("kms", "key/" + id);
            if (arn is null)
            {
                _notes.Add($"{what} {id} is an alias; the key behind it is not known before the run, so its KMS requests are not probed");
                return null;
            }

            _kmsKeys.Add(arn);
            return arn;
        }

        private void VolumeKey(string role, JsonNode? value, string step)
        {
            if (KmsKey(value, $"{step}'s volume key") is { } key)
            {
                // "If you specify a volume KMS key in the resource configuration ..., add kms:CreateGrant" (SageMaker
                // execution-role permissions); the grant is for the instance's EBS volume, an AWS resource.
                Need(role, "kms:CreateGrant", key, ArnAccount(key), [("kms:GrantIsForAWSResource", "true")], $"{step} encrypts its instance volumes with its volume key");
            }
        }

        /// <summary>Reads of objects a step wrote with a KMS key need kms:Decrypt on that key.</summary>
        private void DecryptReads()
        {
            foreach (var grant in _s3.Where(g => g.Action == "s3:GetObject").ToList())
            {
                foreach (var (bucket, folder, key) in _encryptedFolders.Where(e => e.Bucket == grant.Bucket && grant.Key.StartsWith(e.Folder, StringComparison.Ordinal)))
                {
                    Need(grant.Role, "kms:Decrypt", key, ArnAccount(key), [("kms:ViaService", $"s3.{env.Region}.amazonaws.com")],
                        $"reading s3://{bucket}/{grant.Key}, which a step wrote encrypted with this key");
                }
            }
        }

        /// <summary>A job in a VPC: SageMaker creates and deletes network interfaces in its subnets with the job's role
        /// (the ec2 actions in SageMaker's execution-role documentation for jobs and models in a private VPC).</summary>
        /// <param name="unscoped">A processing job: its validation needs the EC2 actions unscoped (see
        /// <see cref="ProbeSet.Unscoped"/>), so they are needed for any subnet, and the describes with no region.</param>
        private void Vpc(string role, JsonNode? vpcConfig, string step, bool unscoped = false)
        {
            if (vpcConfig is null)
            {
                return;
            }

            var subnets = (vpcConfig["Subnets"]?.AsArray() ?? []).Select(Resolve).OfType<string>().ToArray();
            var groups = (vpcConfig["SecurityGroupIds"]?.AsArray() ?? []).Select(Resolve).OfType<string>().ToArray();
            if (subnets.Length == 0)
            {
                return;
            }

            var why = $"{step} runs in subnets {string.Join(", ", subnets)}";
            var eni = env.Arn("ec2", "network-interface/eni-0123456789abcdef0");
            var inSubnet = ("ec2:Subnet", env.Arn("ec2", "subnet/" + subnets[0]));
            foreach (var subnet in subnets)
            {
                Need(role, "ec2:CreateNetworkInterface", env.Arn("ec2", "subnet/" + subnet), env.Account, [], why);
            }

            foreach (var group in groups)
            {
                Need(role, "ec2:CreateNetworkInterface", env.Arn("ec2", "security-group/" + group), env.Account, [], why);
            }

            Need(role, "ec2:CreateNetworkInterface", eni, env.Account, [inSubnet], why);
            foreach (var action in new[] { "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission" })
            {
                Need(role, action, eni, env.Account, [inSubnet], why);
            }

            foreach (var action in new[] { "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs" })
            {
                // Every real request carries aws:RequestedRegion; a policy may rightly pin these describes to the pipeline's region.
                Need(role, action, "*", env.Account, [("aws:RequestedRegion", env.Region)], why);
            }

            if (unscoped)
            {
                var validation = $"{step} is a processing job in a VPC, whose validation needs the EC2 network actions unscoped (CreateProcessingJob execution role permissions)";
                foreach (var action in VpcNetworkActions)
                {
                    Need(role, action, env.Arn("ec2", action == "ec2:CreateNetworkInterface" ? "subnet/subnet-0fffffffffffffff0" : "network-interface/eni-0fffffffffffffff0"), env.Account, [], validation);
                }

                foreach (var action in VpcDescribeActions)
                {
                    Need(role, action, "*", env.Account, [], validation);
                }

                _unscopedVpcRoles.Add(role);
            }

            var known = _vpcRoles.GetValueOrDefault(role);
            _vpcRoles[role] = ([.. known.Subnets ?? [], .. subnets], [.. known.SecurityGroups ?? [], .. groups]);
        }

        private void Logs(string role, string group, string stream, string step)
        {
            var groupArn = env.Arn("logs", "log-group:/aws/sagemaker/" + group);
            var why = $"{step} logs to /aws/sagemaker/{group}";
            Need(role, "logs:CreateLogGroup", groupArn, env.Account, [], why);
            Need(role, "logs:DescribeLogStreams", groupArn, env.Account, [], why);
            Need(role, "logs:CreateLogStream", groupArn + ":log-stream:" + stream, env.Account, [], why);
            Need(role, "logs:PutLogEvents", groupArn + ":log-stream:" + stream, env.Account, [], why);
            Add(_logGroups, role, "/aws/sagemaker/" + group);
        }

        private void Metrics(string role, string @namespace, string step)
        {
            Need(role, "cloudwatch:PutMetricData", "*", env.Account, [("cloudwatch:namespace", @namespace)], $"{step} publishes metrics");
            Add(_namespaces, role, @namespace);
        }

        private static void Add(Dictionary<string, HashSet<string>> map, string role, string value)
        {
            if (!map.TryGetValue(role, out var set))
            {
                map[role] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(value);
        }

        // ---- neighbours: requests close to the needed ones that no role needs ----

        private IEnumerable<Probe> Neighbours(ImmutableArray<Probe> needed)
        {
            var roles = needed.Select(p => p.Role).Append(_pipelineRole).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var neededKeys = needed.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var candidates = new List<Probe>();

            void Deny(string role, string action, string resource, string account, (string, string)[] context, string why) =>
                candidates.Add(new Probe(role, action, resource, account, Context(context), Expect.Denied, why));

            foreach (var role in roles)
            {
                // Buckets the pipeline never names.
                Deny(role, "s3:GetObject", env.S3(UnrelatedBucket, "data/" + SampleObject), env.Account, [], "a bucket the pipeline never names");
                Deny(role, "s3:PutObject", env.S3(UnrelatedBucket, "data/" + SampleObject), env.Account, [], "a bucket the pipeline never names");
                Deny(role, "s3:ListBucket", env.S3(UnrelatedBucket), env.Account, [("s3:prefix", "data/")], "a bucket the pipeline never names");

                foreach (var bucket in _s3.Select(g => g.Bucket).Distinct(StringComparer.Ordinal))
                {
                    Deny(role, "s3:ListBucket", env.S3(bucket), env.Account, [("s3:prefix", "")], $"listing all of {bucket}");
                    Deny(role, "s3:DeleteObject", env.S3(bucket, "unrelated/" + SampleObject), env.Account, [], $"deleting elsewhere in {bucket}");
                }

                // Inputs: the prefix next door, writes and deletes, and reads by roles that never read them.
                foreach (var (location, why) in _declaredInputFolders)
                {
                    Deny(role, "s3:GetObject", env.S3(location.Bucket, location.SiblingFolder + SampleObject), env.Account, [], $"the prefix next to one that {why}");
                    Deny(role, "s3:ListBucket", env.S3(location.Bucket), env.Account, [("s3:prefix", location.SiblingFolder)], $"the prefix next to one that {why}");
                }

                foreach (var grant in _s3.Where(g => g.Action == "s3:GetObject"))
                {
                    var key = grant.IsPrefix ? grant.Key + SampleObject : grant.Key;
                    Deny(role, "s3:GetObject", env.S3(grant.Bucket, key), env.Account, [], "data this role never reads");
                    Deny(role, "s3:PutObject", env.S3(grant.Bucket, key), env.Account, [], "writing to data the pipeline only reads");
                    Deny(role, "s3:DeleteObject", env.S3(grant.Bucket, key), env.Account, [], "deleting data the pipeline reads");
                }

                foreach (var (location, why) in _writeFolders)
                {
                    Deny(role, "s3:PutObject", env.S3(location.Bucket, location.Folder + SampleObject), env.Account, [], "writing where this role never writes");
                    Deny(role, "s3:DeleteObject", env.S3(location.Bucket, location.Folder + SampleObject), env.Account, [], $"deleting what {why}");
                    if (!location.Key.TrimEnd('/').Split('/')[^1].Contains(env.ExecutionId, StringComparison.Ordinal))
                    {
                        // (Next to a folder named by the execution id is only another execution's folder.)
                        Deny(role, "s3:PutObject", env.S3(location.Bucket, location.SiblingFolder + SampleObject), env.Account, [], $"the prefix next to one that {why}");
                    }
                }

                foreach (var (location, why) in _propertyFiles)
                {
                    var folder = location.Key[..(location.Key.LastIndexOf('/') + 1)];
                    var file = location.Key[(location.Key.LastIndexOf('/') + 1)..];
                    Deny(role, "s3:GetObject", env.S3(location.Bucket, folder.TrimEnd('/') + "-old/" + file), env.Account, [], $"the prefix next to the file {why}");
                }

                foreach (var (experiment, trial) in _experiments)
                {
                    Deny(role, "sagemaker:CreateExperiment", env.Arn("sagemaker", "experiment/some-other-experiment"), env.Account, [], "an experiment the pipeline does not track in");
                    Deny(role, "sagemaker:DeleteExperiment", experiment, env.Account, [], "deleting the pipeline's experiment");
                    Deny(role, "sagemaker:DeleteTrial", trial, env.Account, [], "deleting the execution's trial");
                    Deny(role, "sagemaker:AssociateTrialComponent", env.Arn("sagemaker", "experiment-trial-component/my-own-component"), env.Account, [], "a trial component no pipeline job made");
                    Deny(role, "sagemaker:CreateExperiment", experiment, env.Account, [], "creating the experiment (only the pipeline role does)");
                    Deny(role, "sagemaker:CreateExperiment", experiment.Replace($":{env.Region}:", $":{env.OtherRegion}:", StringComparison.Ordinal), env.Account, [], "the experiment in another region");
                }

                // Job control: only by the pipeline role, only on jobs the pipeline names, only here.
                foreach (var (resourceType, create, arn) in _jobControls)
                {
                    var name = arn[(arn.IndexOf('/') + 1)..];
                    Deny(role, create, env.Arn("sagemaker", $"{resourceType}/my-own-{resourceType}"), env.Account, [], $"a {resourceType} the pipeline does not name (no pipelines- prefix)");
                    Deny(role, create, env.Arn("sagemaker", $"{resourceType}/{name}", env.OtherRegion), env.Account, [], "the same job in another region");
                    Deny(role, create, env.Arn("sagemaker", $"{resourceType}/{name}", account: OracleEnvironment.OtherAccount), OracleEnvironment.OtherAccount, [], "the same job in another account");
                    Deny(role, create, arn, env.Account, [], "creating what only the pipeline role creates");
                }

                Deny(role, "iam:PassRole", $"arn:{env.Partition}:iam::{env.Account}:role/Admin", env.Account, [("iam:PassedToService", "sagemaker.amazonaws.com")], "passing a role no step runs with");
                foreach (var passed in _passedRoles)
                {
                    var name = passed[(passed.LastIndexOf('/') + 1)..];
                    Deny(role, "iam:PassRole", passed, ArnAccount(passed), [("iam:PassedToService", "ec2.amazonaws.com")], "passing a job role to another service");
                    Deny(role, "iam:PassRole", $"arn:{env.Partition}:iam::{OracleEnvironment.OtherAccount}:role/{name}", OracleEnvironment.OtherAccount, [("iam:PassedToService", "sagemaker.amazonaws.com")], "a role of the same name in another account");
                    Deny(role, "iam:PassRole", passed, ArnAccount(passed), [("iam:PassedToService", "sagemaker.amazonaws.com")], "passing a role (only the pipeline role passes roles)");
                }

                foreach (var (arn, status) in _modelPackages)
                {
                    if (status != "Approved")
                    {
                        Deny(role, "sagemaker:CreateModelPackage", arn, ArnAccount(arn), [("sagemaker:ModelApprovalStatus", "Approved")], "registering a model as Approved, skipping the manual approval");
                    }

                    Deny(role, "sagemaker:CreateModelPackage", env.Arn("sagemaker", "model-package/unrelated-group/1"), env.Account, [("sagemaker:ModelApprovalStatus", status)], "a model package group the pipeline does not name");
                    Deny(role, "sagemaker:CreateModelPackage", arn, ArnAccount(arn), [("sagemaker:ModelApprovalStatus", status)], "registering a model (only the pipeline role does)");
                }

                foreach (var function in _functions)
                {
                    var parts = function.Split(':');
                    Deny(role, "lambda:InvokeFunction", string.Join(':', parts[..6]) + ":unrelated-function", parts[4], [], "a function the pipeline does not name");
                    Deny(role, "lambda:InvokeFunction", string.Join(':', parts.Select((p, i) => i == 3 ? env.OtherRegion : p)), parts[4], [], "the same function in another region");
                    Deny(role, "lambda:InvokeFunction", string.Join(':', parts.Select((p, i) => i == 4 ? OracleEnvironment.OtherAccount : p)), OracleEnvironment.OtherAccount, [], "the same function in another account");
                    Deny(role, "lambda:InvokeFunction", function, parts[4], [], "invoking the function (only the pipeline role does)");
                }

                foreach (var queue in _queues)
                {
                    var parts = queue.Split(':');
                    Deny(role, "sqs:SendMessage", string.Join(':', parts[..5]) + ":unrelated-queue", parts[4], [], "a queue the pipeline does not name");
                    Deny(role, "sqs:SendMessage", string.Join(':', parts.Select((p, i) => i == 3 ? env.OtherRegion : p)), parts[4], [], "the same queue in another region");
                    Deny(role, "sqs:SendMessage", string.Join(':', parts.Select((p, i) => i == 4 ? OracleEnvironment.OtherAccount : p)), OracleEnvironment.OtherAccount, [], "the same queue in another account");
                    Deny(role, "sqs:SendMessage", queue, parts[4], [], "sending the callback (only the pipeline role does)");
                }

                foreach (var (account, region, repository) in _repositories)
                {
                    Deny(role, "ecr:BatchGetImage", env.Arn("ecr", "repository/unrelated-repository", region, account), account, [], $"another repository in the registry of {repository}");
                    Deny(role, "ecr:BatchGetImage", env.Arn("ecr", "repository/" + repository, region == env.OtherRegion ? env.Region : env.OtherRegion, account), account, [], $"{repository} in another region");
                    Deny(role, "ecr:BatchGetImage", env.Arn("ecr", "repository/" + repository, region, OracleEnvironment.OtherAccount), OracleEnvironment.OtherAccount, [], $"{repository} in another account");
                    Deny(role, "ecr:BatchGetImage", env.Arn("ecr", "repository/" + repository, region, account), account, [], $"pulling {repository} (this role runs no container from it)");
                }

                var groups = _logGroups.GetValueOrDefault(role) ?? [];
                foreach (var group in JobLogGroups.Select(g => "/aws/sagemaker/" + g).Append("/aws/sagemaker/Endpoints/unrelated-endpoint").Append("/aws/lambda/unrelated-function"))
                {
                    if (!groups.Contains(group))
                    {
                        Deny(role, "logs:PutLogEvents", env.Arn("logs", $"log-group:{group}:log-stream:pipelines-{env.ExecutionId}-Unrelated-Xq7Lm2Pa9K/algo-1-1700000000"), env.Account, [], $"a log group this role's jobs do not write ({group})");
                    }
                }

                foreach (var group in groups)
                {
                    var stream = $"log-group:{group}:log-stream:pipelines-{env.ExecutionId}-Unrelated-Xq7Lm2Pa9K/algo-1-1700000000";
                    Deny(role, "logs:PutLogEvents", env.Arn("logs", stream, env.OtherRegion), env.Account, [], $"{group} in another region");
                    Deny(role, "logs:PutLogEvents", env.Arn("logs", stream, account: OracleEnvironment.OtherAccount), OracleEnvironment.OtherAccount, [], $"{group} in another account");
                    Deny(role, "logs:CreateLogGroup", env.Arn("logs", $"log-group:{group}-unrelated"), env.Account, [], $"creating a log group next to {group}");
                }

                var s3Via = ("kms:ViaService", $"s3.{env.Region}.amazonaws.com");
                foreach (var key in _kmsKeys)
                {
                    var keyAccount = ArnAccount(key);
                    Deny(role, "kms:Decrypt", key, keyAccount, [s3Via], "decrypting with a key this role reads nothing with");
                    Deny(role, "kms:GenerateDataKey", key, keyAccount, [s3Via], "encrypting with a key this role writes nothing with");
                    Deny(role, "kms:CreateGrant", key, keyAccount, [("kms:GrantIsForAWSResource", "true")], "a grant on a key this role's volumes do not use");
                    Deny(role, "kms:ScheduleKeyDeletion", key, keyAccount, [], "managing the key (no step does)");
                    Deny(role, "kms:Decrypt", env.Arn("kms", "key/00000000-0000-0000-0000-000000000000"), env.Account, [s3Via], "a key the pipeline does not name");
                    Deny(role, "kms:Decrypt", key.Replace($":{keyAccount}:", $":{OracleEnvironment.OtherAccount}:", StringComparison.Ordinal), OracleEnvironment.OtherAccount, [s3Via], "the same key id in another account");
                }

                if (_vpcRoles.Count > 0 && !_unscopedVpcRoles.Contains(role))
                {
                    var subnets = _vpcRoles.GetValueOrDefault(role).Subnets;
                    Deny(role, "ec2:CreateNetworkInterface", env.Arn("ec2", "subnet/subnet-00000000000000000"), env.Account, [], "a subnet the pipeline does not name");
                    Deny(role, "ec2:CreateNetworkInterface", env.Arn("ec2", "security-group/sg-00000000000000000"), env.Account, [], "a security group the pipeline does not name");
                    if (subnets is not null)
                    {
                        Deny(role, "ec2:DescribeSubnets", "*", env.Account, [("aws:RequestedRegion", env.OtherRegion)], "describing subnets in another region");
                    }

                    foreach (var subnet in _vpcRoles.Values.SelectMany(v => v.Subnets).Distinct(StringComparer.Ordinal))
                    {
                        if (subnets?.Contains(subnet) != true)
                        {
                            Deny(role, "ec2:CreateNetworkInterface", env.Arn("ec2", "subnet/" + subnet), env.Account, [], "network interfaces for a role whose jobs run outside the VPC");
                        }
                    }
                }

                var namespaces = _namespaces.GetValueOrDefault(role) ?? [];
                foreach (var @namespace in JobLogGroups.Select(g => "/aws/sagemaker/" + g).Append("AWS/EC2").Append("Unrelated/Namespace"))
                {
                    if (!namespaces.Contains(@namespace))
                    {
                        Deny(role, "cloudwatch:PutMetricData", "*", env.Account, [("cloudwatch:namespace", @namespace)], $"a metric namespace this role's jobs do not publish to ({@namespace})");
                    }
                }
            }

            // A neighbour some role legitimately needs is not a neighbour for that role.
            return candidates.Where(c => !Covered(c, neededKeys));
        }

        /// <summary>True when a needed request of the same role already covers the candidate: the same request, or an
        /// S3 object under a prefix the role reads, writes or deletes, or a listing inside a prefix it lists.</summary>
        private bool Covered(Probe candidate, HashSet<string> neededKeys)
        {
            if (neededKeys.Contains(candidate.Key))
            {
                return true;
            }

            var s3Prefix = $"arn:{env.Partition}:s3:::";
            if (!candidate.Resource.StartsWith(s3Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            var path = candidate.Resource[s3Prefix.Length..];
            var slash = path.IndexOf('/');
            var bucket = slash < 0 ? path : path[..slash];
            var key = candidate.Action == "s3:ListBucket" ? candidate.Context.GetValueOrDefault("s3:prefix") ?? "" : slash < 0 ? "" : path[(slash + 1)..];
            return _s3.Any(g => g.Role == candidate.Role && g.Action == candidate.Action && g.Bucket == bucket
                && (g.IsPrefix ? key.StartsWith(g.Key, StringComparison.Ordinal) : key == g.Key));
        }
    }
}
