using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Deploy;
using Sagewright.Tests.Iam;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Endpoints;

/// <summary>[Endpoint]: the files under <c>&lt;Pipeline&gt;/endpoints/&lt;Endpoint&gt;/</c>, checked against the botocore
/// models (SageMaker and Application Auto Scaling) and the CloudFormation resource schemas, and the endpoint rules at
/// their exact spans.</summary>
public class EndpointTests
{
    private const string Folder = "FraudDetection/endpoints/fraud-detection/";

    /// <summary>A register-model step of the demo pipeline, with model data from a training step.</summary>
    internal const string Register = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        public sealed class Train;

        [RegisterModelStep(typeof(Demo), "demo-models")]
        [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310")]
        [ModelData(typeof(Train))]
        public sealed class Register;

        """;

    private static BotocoreModel AutoScaling =>
        BotocoreModel.Load(Paths.Reference("aws-models", "botocore", "application-autoscaling-2016-02-06.service-2.json.gz"));

    [Fact]
    public void FraudDetection_writes_the_endpoint_template_and_requests()
    {
        var files = Samples.Generate("FraudDetection").Files();
        Assert.Equal(
            ["create-endpoint-config.json", "create-endpoint.json", "create-model.json", "endpoint.template.json", "put-scaling-policy.json", "register-scalable-target.json"],
            files.Keys.Where(k => k.StartsWith(Folder, StringComparison.Ordinal)).Select(k => k[Folder.Length..]).ToList());
        foreach (var (path, text) in files.Where(f => f.Key.StartsWith(Folder, StringComparison.Ordinal)))
        {
            Assert.EndsWith("}\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);
        }

        var config = JsonNode.Parse(files[Folder + "create-endpoint-config.json"])!;
        Assert.Equal(100, (int)config["DataCaptureConfig"]!["InitialSamplingPercentage"]!);
        Assert.Equal("fraud-detection-model", (string)config["ProductionVariants"]![0]!["ModelName"]!);
        Assert.Equal("fraud-detection", (string)JsonNode.Parse(files[Folder + "create-model.json"])!["PrimaryContainer"]!["ModelPackageName"]!);
        Assert.Equal("endpoint/fraud-detection/variant/AllTraffic", (string)JsonNode.Parse(files[Folder + "register-scalable-target.json"])!["ResourceId"]!);
    }

    [ReferenceFact]
    public void Every_emitted_request_is_valid_against_the_botocore_models()
    {
        var checkedFiles = 0;
        foreach (var files in new[] { Samples.Generate("FraudDetection").Files(), TestProject.Generate(Src.Demo + Register + Variety).Files() })
        {
            foreach (var (path, text) in files.Where(f => f.Key.Contains("/endpoints/", StringComparison.Ordinal) && !f.Key.EndsWith(".template.json", StringComparison.Ordinal)))
            {
                var name = path[(path.LastIndexOf('/') + 1)..];
                var (model, operation) = name switch
                {
                    "create-model.json" => (BotocoreModel.SageMaker, "CreateModel"),
                    "create-endpoint-config.json" => (BotocoreModel.SageMaker, "CreateEndpointConfig"),
                    "create-endpoint.json" => (BotocoreModel.SageMaker, "CreateEndpoint"),
                    _ when name.StartsWith("register-scalable-target", StringComparison.Ordinal) => (AutoScaling, "RegisterScalableTarget"),
                    _ when name.StartsWith("put-scaling-policy", StringComparison.Ordinal) => (AutoScaling, "PutScalingPolicy"),
                    _ => throw new InvalidOperationException("unexpected endpoint file " + path),
                };
                var request = JsonNode.Parse(text)!;
                var problems = model.Validate(operation, request).Where(p => !CheckedHere(p, request)).Select(p => path + ": " + p).ToList();
                Assert.True(problems.Count == 0, string.Join("\n", problems));
                checkedFiles++;
            }
        }

        // FraudDetection: 5; Variety: 3 (serverless, no scaling) + 3 + 2 × 2 (two scaled variants).
        Assert.Equal(5 + 3 + 7, checkedFiles);
    }

    /// <summary>Two Application Auto Scaling patterns are Java regular expressions .NET cannot compile (the checker
    /// reports their values as unchecked): <c>PolicyName</c>'s <c>\p{Print}+</c> (printable ASCII, Java's
    /// <c>\p{Print}</c>) and <c>ResourceIdMaxLen1600</c>'s XML character class. They are checked here with the .NET
    /// equivalents; any other unchecked value stays a failure.</summary>
    private static bool CheckedHere(string problem, JsonNode request)
    {
        if (problem.StartsWith("$.PolicyName: ", StringComparison.Ordinal) && problem.Contains("PolicyName's pattern", StringComparison.Ordinal))
        {
            return System.Text.RegularExpressions.Regex.IsMatch((string)request["PolicyName"]!, "^[\\x20-\\x7E]+$");
        }

        if (problem.StartsWith("$.ResourceId: ", StringComparison.Ordinal) && problem.Contains("ResourceIdMaxLen1600's pattern", StringComparison.Ordinal))
        {
            return System.Text.RegularExpressions.Regex.IsMatch((string)request["ResourceId"]!, "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\r\\n\\t]*$");
        }

        return false;
    }

    [CfnSpecFact]
    public void The_endpoint_templates_pass_the_CloudFormation_resource_schemas()
    {
        var sample = Samples.Generate("FraudDetection").Files();
        Assert.Empty(CfnSpec.Check(sample[Folder + "endpoint.template.json"]));
        foreach (var (path, text) in TestProject.Generate(Src.Demo + Register + Variety).Files().Where(f => f.Key.EndsWith("endpoint.template.json", StringComparison.Ordinal)))
        {
            Assert.Empty(CfnSpec.Check(text).Select(p => path + ": " + p));
        }
    }

    [Fact]
    public void The_template_deploys_the_package_parameter_with_the_requests_settings()
    {
        var files = Samples.Generate("FraudDetection").Files();
        var template = JsonNode.Parse(files[Folder + "endpoint.template.json"])!;
        var resources = template["Resources"]!.AsObject();
        Assert.Equal(
            ["InferenceRole", "Model", "EndpointConfig", "Endpoint", "ScalableTargetAllTraffic", "ScalingPolicyAllTraffic"],
            resources.Select(r => r.Key));
        Assert.Equal("""{"Ref":"ModelPackageName"}""", resources["Model"]!["Properties"]!["PrimaryContainer"]!["ModelPackageName"]!.ToJsonString());
        var request = JsonNode.Parse(files[Folder + "create-endpoint-config.json"])!;
        Assert.True(JsonNode.DeepEquals(request["DataCaptureConfig"], resources["EndpointConfig"]!["Properties"]!["DataCaptureConfig"]));
        var policy = JsonNode.Parse(files[Folder + "put-scaling-policy.json"])!;
        Assert.True(JsonNode.DeepEquals(policy["TargetTrackingScalingPolicyConfiguration"], resources["ScalingPolicyAllTraffic"]!["Properties"]!["TargetTrackingScalingPolicyConfiguration"]));

        // The inference role of the template is the one roles.json lists, policy and trust byte for byte.
        var role = JsonNode.Parse(files["FraudDetection/iam/roles.json"])!["roles"]!.AsArray().Single(r => (string)r!["name"]! == "FraudDetection-endpoint-fraud-detection")!;
        Assert.Equal("inference", (string)role["kind"]!);
        Assert.Equal(["endpoints/fraud-detection"], role["usedBy"]!.AsArray().Select(u => (string)u!));
        var properties = resources["InferenceRole"]!["Properties"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(files["FraudDetection/iam/" + (string)role["policy"]!]), properties["Policies"]![0]!["PolicyDocument"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(files["FraudDetection/iam/" + (string)role["trust"]!]), properties["AssumeRolePolicyDocument"]));
        Assert.Contains("arn:aws:sagemaker:us-east-1:123456789012:*", properties["AssumeRolePolicyDocument"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_inference_policy_grants_what_hosting_needs_and_nothing_else()
    {
        var files = Samples.Generate("FraudDetection").Files();
        var policy = JsonNode.Parse(files["FraudDetection/iam/FraudDetection-endpoint-fraud-detection.policy.json"])!["Statement"]!.AsArray();
        var bySid = policy.ToDictionary(s => (string)s!["Sid"]!, s => s!);
        Assert.Equal(
            ["CloudWatchPutMetricDataRequiresWildcard", "EcrAuthTokenHasNoResourceLevelPermissionsRequiresWildcard", "EcrPullImages", "EndpointLogGroups", "EndpointLogStreams", "KmsOutputKeys", "KmsReadKeys", "S3ReadInputs", "S3WriteDataCapture"],
            bySid.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["arn:aws:s3:::my-bucket/data-capture/fraud-detection/*"], bySid["S3WriteDataCapture"]["Resource"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["arn:aws:s3:::my-bucket/models/pipelines-*/output/model.tar.gz"], bySid["S3ReadInputs"]["Resource"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/fraud-detection:log-stream:AllTraffic/*"],
            bySid["EndpointLogStreams"]["Resource"]!.AsArray().Select(r => (string)r!));

        // A `*` only where the action accepts no resource, and the Sid says so.
        foreach (var statement in policy.Where(s => s!["Resource"]!.AsArray().Any(r => (string)r! == "*")))
        {
            Assert.EndsWith("RequiresWildcard", (string)statement!["Sid"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pipelines_without_endpoints_write_no_endpoint_files()
    {
        var files = TestProject.Generate(Src.Demo + Register).Files();
        Assert.DoesNotContain(files.Keys, k => k.Contains("/endpoints/", StringComparison.Ordinal));
        Assert.DoesNotContain(files["Demo/iam/roles.json"], "endpoint", StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var first = TestProject.Generate(Src.Demo + Register + Variety).Files();
        var second = TestProject.Generate(Src.Demo + Register + Variety).Files();
        Assert.Equal(first, second);
        Assert.Contains("Demo/endpoints/serverless/create-endpoint-config.json", first.Keys);
        Assert.Contains("Demo/endpoints/ab/register-scalable-target.Blue.json", first.Keys);
        Assert.Contains("Demo/endpoints/ab/put-scaling-policy.Green.json", first.Keys);
    }

    /// <summary>A serverless endpoint, and an A/B endpoint whose two variants scale, one on a custom metric.</summary>
    internal const string Variety = """
        [Endpoint(typeof(Register), Name = "serverless")]
        [ServerlessVariant(2048, 20, ProvisionedConcurrency = 2)]
        [DataCapture("s3://my-bucket/capture/serverless/", CaptureResponse = false)]
        public sealed class Serverless;

        [Endpoint(typeof(Register), Name = "ab")]
        [ProductionVariant("ml.m5.large", InitialInstanceCount = 2, Name = "Blue", Weight = 0.9)]
        [ProductionVariant("ml.c5.xlarge", InitialInstanceCount = 2, Name = "Green", Weight = 0.1)]
        [DataCapture("s3://my-bucket/capture/ab/", KmsKeyId = "alias/capture")]
        [AutoScaling(2, 4, 100, Variant = "Blue")]
        [AutoScaling(2, 4, 50, Variant = "Green", CustomMetric = "CPUUtilization", CustomMetricNamespace = "/aws/sagemaker/Endpoints", CustomMetricStatistic = "Maximum")]
        [Tag("team", "ml")]
        public sealed class AB;

        """;

    [Fact]
    public void SGW102_endpoint_without_data_capture_is_reported_at_the_endpoint_attribute() =>
        Markup.Verify(Src.Demo + Register + """
            [{|SGW102:Endpoint(typeof(Register))|}]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [AutoScaling(2, 4, 70)]
            public sealed class Serving;
            """);

    [Fact]
    public void SGW103_sampling_zero_is_reported_at_the_argument_and_disabled_capture_at_Enabled()
    {
        Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [DataCapture("s3://my-bucket/capture/", {|SGW103:SamplingPercentage = 0|})]
            [AutoScaling(2, 4, 70)]
            public sealed class Serving;
            """);
        var diagnostics = Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [DataCapture("s3://my-bucket/capture/", {|SGW103:Enabled = false|})]
            [AutoScaling(2, 4, 70)]
            public sealed class Serving;
            """);
        Assert.Contains("it is disabled (Enabled = false)", Src.Single(diagnostics, "SGW103"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW103_capturing_neither_requests_nor_responses_is_an_error()
    {
        var diagnostics = Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [DataCapture("s3://my-bucket/capture/", CaptureRequest = false, {|SGW103:CaptureResponse = false|})]
            [AutoScaling(2, 4, 70)]
            public sealed class Serving;
            """);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, Assert.Single(diagnostics).Severity);
    }

    [Fact]
    public void SGW106_instance_based_variant_without_auto_scaling_is_reported_at_the_variant()
    {
        Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [{|SGW106:ProductionVariant("ml.m5.large", InitialInstanceCount = 2)|}]
            [DataCapture("s3://my-bucket/capture/")]
            public sealed class Serving;
            """);

        // The default variant is reported at [Endpoint]; a serverless endpoint scales by itself.
        Markup.Verify(Src.Demo + Register + """
            [{|SGW106:Endpoint(typeof(Register))|}]
            [DataCapture("s3://my-bucket/capture/")]
            public sealed class Serving;

            [Endpoint(typeof(Register), Name = "serverless")]
            [ServerlessVariant(2048, 10)]
            [DataCapture("s3://my-bucket/capture/serverless/")]
            public sealed class ServerlessServing;
            """, alsoCheck: ["SGW106"]);
    }

    [Fact]
    public void SGW113_single_instance_and_SGW114_scaling_against_availability_at_their_arguments() =>
        Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [{|SGW113:{|SGW106:ProductionVariant("ml.m5.large")|}|}]
            [DataCapture("s3://my-bucket/capture/")]
            public sealed class Single;

            [Endpoint(typeof(Register), Name = "scaled")]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [DataCapture("s3://my-bucket/capture/scaled/")]
            [AutoScaling({|SGW114:0|}, 4, 70, {|SGW114:ScaleInCooldownSeconds = 30|}, ScaleOutCooldownSeconds = 300)]
            public sealed class Scaled;
            """, alsoCheck: ["SGW106"]);

    [Fact]
    public void Invalid_settings_are_errors_at_the_argument() =>
        Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register), {|SGW001:Name = "bad_name"|})]
            [ProductionVariant({|SGW006:"ml.m5.huge"|}, InitialInstanceCount = 2)]
            [DataCapture({|SGW005:"s3:/my-bucket/capture/"|}, {|SGW007:SamplingPercentage = 101|})]
            [AutoScaling(2, {|SGW007:1|}, 70)]
            public sealed class Serving;

            [Endpoint(typeof(Register), Name = "serverless")]
            [ServerlessVariant({|SGW007:1000|}, {|SGW007:201|})]
            [DataCapture("s3://my-bucket/capture/serverless/")]
            public sealed class ServerlessServing;

            [Endpoint({|SGW017:typeof(Train)|}, Name = "wrong")]
            public sealed class Wrong;
            """);

    [Fact]
    public void A_clean_endpoint_has_no_diagnostic() =>
        Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [DataCapture("s3://my-bucket/capture/", SamplingPercentage = 100, KmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
            [AutoScaling(2, 4, 70)]
            public sealed class Serving;
            """, alsoCheck: ["SGW102", "SGW103", "SGW106", "SGW113", "SGW114", "SGW115", "SGW207"]);

    [Fact]
    public void SGW207_capture_without_a_kms_key_and_SGW115_serverless_without_provisioned_concurrency_at_their_attributes() =>
        Markup.Verify(Src.Demo + Register + """
            [Endpoint(typeof(Register))]
            [ProductionVariant("ml.m5.large", InitialInstanceCount = 2)]
            [{|SGW207:DataCapture("s3://my-bucket/capture/")|}]
            [AutoScaling(2, 4, 70)]
            public sealed class Serving;

            [Endpoint(typeof(Register), Name = "serverless")]
            [{|SGW115:ServerlessVariant(2048, 10)|}]
            [DataCapture("s3://my-bucket/capture/serverless/", KmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
            public sealed class ServerlessServing;

            [Endpoint(typeof(Register), Name = "warm")]
            [ServerlessVariant(2048, 10, ProvisionedConcurrency = 2)]
            [DataCapture("s3://my-bucket/capture/warm/", Enabled = false)]
            public sealed class WarmServing;
            """, alsoCheck: ["SGW115", "SGW207"]);

    [Fact]
    public void Every_endpoint_rule_has_its_format_a_descriptor_and_a_docs_page()
    {
        var ids = Sagewright.Model.Rules.EndpointRuleSet.All.Select(r => r.Id).ToList();
        Assert.Equal(["SGW102", "SGW103", "SGW106", "SGW113", "SGW114", "SGW115", "SGW207"], ids);
        foreach (var rule in Sagewright.Model.Rules.EndpointRuleSet.All)
        {
            var constant = rule.GetType().GetField("Format", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static);
            Assert.True(constant is { IsLiteral: true }, rule.GetType().Name + " must declare its message format as a public const Format");
            Assert.Equal(rule.MessageFormat, (string)constant!.GetRawConstantValue()!);
            Assert.True(Sagewright.Compiler.Diagnostics.Descriptors.ById.TryGetValue(rule.Id, out var descriptor), "No descriptor for " + rule.Id);
            Assert.Equal(rule.MessageFormat, descriptor!.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(File.Exists(Path.Combine(Paths.RepoRoot, "docs", "rules", rule.Id + ".md")));
            Assert.DoesNotContain("not applicable yet", File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "rules", rule.Id + ".md")), StringComparison.Ordinal);
        }
    }

    [OracleFact]
    public void The_IAM_simulator_allows_every_request_hosting_makes_as_the_endpoint_role_and_denies_the_neighbours()
    {
        var sample = Assert.Single(OracleSample.Load("FraudDetection"));
        const string Role = "arn:aws:iam::123456789012:role/FraudDetection-endpoint-fraud-detection";
        var probes = sample.WithEndpoints;
        Assert.Equal(["endpoints/fraud-detection"], probes.RoleSteps[Role].ToArray());
        var needed = probes.Needed.Where(p => p.Role == Role).Select(p => p.Action + " " + p.Resource + " " + p.ContextText).ToList();
        Assert.Contains("s3:PutObject arn:aws:s3:::my-bucket/data-capture/fraud-detection/fraud-detection/AllTraffic/2026/01/01/00/capture.jsonl ", needed);
        Assert.Contains("s3:GetObject arn:aws:s3:::my-bucket/models/pipelines-a1b2c3d4e5f6-Training-0123456789/output/model.tar.gz ", needed.Select(n => System.Text.RegularExpressions.Regex.Replace(n, "Training-[^/]+", "Training-0123456789")));
        Assert.Contains(needed, n => n.StartsWith("logs:PutLogEvents arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/fraud-detection:log-stream:AllTraffic/", StringComparison.Ordinal));
        Assert.Contains("cloudwatch:PutMetricData * {cloudwatch:namespace=/aws/sagemaker/Endpoints}", needed);
        Assert.Contains(needed, n => n.StartsWith("kms:GenerateDataKey arn:aws:kms:us-east-1:123456789012:key/", StringComparison.Ordinal));
        Assert.Contains(needed, n => n.StartsWith("ecr:BatchGetImage arn:aws:ecr:us-east-1:763104351884:repository/pytorch-inference", StringComparison.Ordinal));
        Assert.Contains(probes.Neighbours, p => p.Role == Role);

        var report = Assert.Single(OracleJudge.Judge([sample.Generated()]));
        Assert.True(report.Findings.IsEmpty, string.Join("\n", report.Findings));
        Assert.Equal(report.NeededTotal, report.NeededAllowed);
        Assert.Equal(0, report.NeighboursAllowed);
        Assert.Contains(report.Results, r => r.Probe.Role == Role && r.Probe.Expect == Expect.Allowed && r.Decision.IsAllowed);
    }

    [OracleFact]
    public void The_IAM_simulator_catches_an_inference_policy_that_misses_the_data_capture_write()
    {
        var sample = Assert.Single(OracleSample.Load("FraudDetection"));
        var files = new SortedDictionary<string, string>(sample.Files.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);
        const string PolicyFile = "FraudDetection/iam/FraudDetection-endpoint-fraud-detection.policy.json";
        var policy = JsonNode.Parse(files[PolicyFile])!;
        var statements = policy["Statement"]!.AsArray();
        statements.Remove(statements.Single(s => (string)s!["Sid"]! == "S3WriteDataCapture"));
        files[PolicyFile] = policy.ToJsonString();
        var report = Assert.Single(OracleJudge.Judge([new OracleCase("without S3WriteDataCapture", sample.WithEndpoints, OraclePolicies.FromFiles(files, "FraudDetection"))]));
        Assert.Contains(report.Of(FindingKind.NeededDenied), f => f.Message.Contains("s3:PutObject", StringComparison.Ordinal) && f.Message.Contains("data-capture", StringComparison.Ordinal));
    }

    /// <summary>The bar, on the sample itself: its endpoint with data capture removed gets SGW102 at the endpoint
    /// class's [Endpoint], with sampling 0 SGW103 at that argument, without auto-scaling SGW106 at the variant.</summary>
    [Theory]
    [InlineData("SGW102", "[DataCapture(\"s3://my-bucket/data-capture/fraud-detection/\", SamplingPercentage = 100, KmsKeyId = FraudDetection.DataKey,\n    CsvContentTypes = new[] { \"text/csv\" }, JsonContentTypes = new[] { \"application/json\" })]\n", "", "Endpoint(typeof(RegisterFraudModel), Name = \"fraud-detection\")")]
    [InlineData("SGW103", "SamplingPercentage = 100", "SamplingPercentage = 0", "SamplingPercentage = 0")]
    [InlineData("SGW106", "[AutoScaling(2, 6, 70, ScaleInCooldownSeconds = 300, ScaleOutCooldownSeconds = 60)]\n", "", "ProductionVariant(\"ml.m5.large\", InitialInstanceCount = 2)")]
    public void The_sample_endpoint_edited_gets_the_rule_at_its_span(string id, string from, string to, string span)
    {
        var sources = Samples.Sources("FraudDetection").Select(s => s.Path.EndsWith("FraudDetection.cs", StringComparison.Ordinal) ? (s.Path, Text: Edit(s.Text, from, to)) : s).ToArray();
        var compilation = TestProject.Compilation(sources);
        var options = Samples.Options("FraudDetection");
        var diagnostics = TestProject.Analyze(TestProject.Generate(compilation, options).Compilation, options);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.EndsWith("FraudDetection.cs", diagnostic.Location.SourceTree.FilePath, StringComparison.Ordinal);
        MessageFormats.AssertFilled([diagnostic]);

        static string Edit(string text, string from, string to)
        {
            var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.Contains(from, normalized, StringComparison.Ordinal);
            return normalized.Replace(from, to, StringComparison.Ordinal);
        }
    }
}
